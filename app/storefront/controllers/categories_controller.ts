import type { HttpContext } from '@adonisjs/core/http'
import { inUnitOfWork } from '#tenancy/mod'
import {
  SHOP_SORTS,
  categoryWithDescendants,
  productsInCategories,
  shopCategories,
  type ShopSort,
} from '#catalog/mod'
import { canonicalPaths, pageMeta } from '../services/seo.js'
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

/** A category's page: its active products (and its sub-categories'), sorted and paginated */
export default class CategoriesController {
  async show(ctx: HttpContext) {
    const { request, view, i18n } = ctx
    const { store, links } = shopOf(ctx)
    const qs = request.qs()
    const sort = sortOf(qs.sort)
    return inUnitOfWork(async () => {
      const categories = await shopCategories()
      const slug = slugParam(ctx)
      const category = categories.find((candidate) => candidate.slug === slug)
      if (!category) throw new ShopPageNotFound(i18n.t('storefront.category_not_found'))

      const chrome = await shopChrome(ctx, categories)
      const { items, pagination } = await productsInCategories(
        categoryWithDescendants(categories, category.id),
        { sort, page: pageNumber(qs.page) }
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
      return view.render('storefront/categories/show', {
        ...chrome,
        current: `category:${category.slug}`,
        category,
        parent,
        children,
        products: items,
        pagination,
        pageHref: (page: number) => {
          const query = new URLSearchParams()
          if (sort !== 'newest') query.set('sort', sort)
          if (page > 1) query.set('page', String(page))
          const text = query.toString()
          return `${links.category(category.slug)}${text ? `?${text}` : ''}`
        },
        sort,
        sorts: SHOP_SORTS,
        meta,
      })
    })
  }
}
