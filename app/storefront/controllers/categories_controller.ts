import type { HttpContext } from '@adonisjs/core/http'
import {
  SHOP_SORTS,
  categoryWithDescendants,
  productsInCategories,
  shopCategories,
  type ShopSort,
} from '#catalog/mod'
import { canonicalPaths, pageMeta } from '../services/seo.js'
import { cachedShopPage, keptForPages } from '../services/page_cache.js'
import {
  ShopPageNotFound,
  pageNumber,
  shopChrome,
  shopOf,
  slugParam,
} from './concerns/shop_page.js'

function sortOf(value: unknown): ShopSort {
  const text = Array.isArray(value) ? value[0] : value
  return (SHOP_SORTS as readonly unknown[]).includes(text) ? (text as ShopSort) : 'newest'
}

/**
 * A category's page: its active products (and its sub-categories'), sorted
 * and paginated, kept until the catalog changes
 */
export default class CategoriesController {
  async show(ctx: HttpContext) {
    const { request, i18n } = ctx
    const { store, links } = shopOf(ctx)
    const qs = request.qs()
    const sort = sortOf(qs.sort)
    const slug = slugParam(ctx)
    const page = pageNumber(qs.page)
    const key = JSON.stringify(['category', slug, sort, page])
    // Each read is one round trip of its own, committed before the page renders
    return cachedShopPage(ctx, key, async () => {
      const categories = await keptForPages(ctx, 'categories', shopCategories)
      const category = categories.find((candidate) => candidate.slug === slug)
      if (!category) throw new ShopPageNotFound(i18n.t('storefront.category_not_found'))

      const chrome = await shopChrome(ctx, categories)
      const { items, pagination } = await productsInCategories(
        categoryWithDescendants(categories, category.id),
        { sort, page }
      )
      const children = categories.filter((candidate) => candidate.parentId === category.id)
      const parent = categories.find((candidate) => candidate.id === category.parentId) ?? null
      const pageQuery = pagination.page > 1 ? `?page=${pagination.page}` : ''
      const meta = pageMeta({
        store,
        path: `${canonicalPaths.category(category.slug)}${pageQuery}`,
        title: `${category.name} · ${store.name}`,
        description: i18n.t('storefront.category_description', {
          category: category.name,
          store: store.name,
        }),
        locale: i18n.locale,
      })
      const html = await ctx.view.render('storefront/categories/show', {
        ...chrome,
        current: `category:${category.slug}`,
        category,
        parent,
        children,
        products: items,
        pagination,
        pageHref: (to: number) => {
          const query = new URLSearchParams()
          if (sort !== 'newest') query.set('sort', sort)
          if (to > 1) query.set('page', String(to))
          const text = query.toString()
          return `${links.category(category.slug)}${text ? `?${text}` : ''}`
        },
        sort,
        sorts: SHOP_SORTS,
        meta,
      })
      // A page past the last shows the last: not kept under every number asked
      return { html, keep: pagination.page === page }
    })
  }
}
