import type { HttpContext } from '@adonisjs/core/http'
import { inUnitOfWork } from '#tenancy/mod'
import { searchProducts, searchText } from '#catalog/mod'
import { pageMeta } from '../services/seo.js'
import { uncachedShopPage } from '../services/page_cache.js'
import { pageNumber, shopChrome, shopOf } from './concerns/shop_page.js'

/** The store's search: `?q=` in titles, tags and descriptions, best match first */
export default class SearchesController {
  async show(ctx: HttpContext) {
    const { request, view, i18n } = ctx
    const { store, links } = shopOf(ctx)
    const qs = request.qs()
    const query = searchText(qs.q)
    // Not kept: any text is a query, so keeping them would let anyone fill the cache
    return uncachedShopPage(ctx, () =>
      inUnitOfWork(async () => {
        const chrome = await shopChrome(ctx)
        const results = query ? await searchProducts(query, { page: pageNumber(qs.page) }) : null
        const meta = pageMeta({
          store,
          path: '/search',
          title: query
            ? `${i18n.t('storefront.search_results_title', { query })} · ${store.name}`
            : `${i18n.t('storefront.search_title')} · ${store.name}`,
          description: i18n.t('storefront.search_description', { store: store.name }),
          locale: i18n.locale,
          noindex: true,
        })
        return view.render('storefront/search/show', {
          ...chrome,
          current: 'search',
          query,
          products: results?.items ?? [],
          pagination: results?.pagination ?? null,
          pageHref: (page: number) => {
            const params = new URLSearchParams({ q: query ?? '' })
            if (page > 1) params.set('page', String(page))
            return `${links.search()}?${params}`
          },
          meta,
        })
      })
    )
  }
}
