import type { HttpContext } from '@adonisjs/core/http'
import { inUnitOfWork } from '#tenancy/mod'
import { featuredProducts } from '#catalog/mod'
import { pageMeta } from '../services/seo.js'
import { cachedShopPage } from '../services/page_cache.js'
import { shopChrome, shopOf } from './concerns/shop_page.js'

const FEATURED = 8

/** The store's home page: its categories and latest products, kept until the catalog changes */
export default class HomeController {
  async show(ctx: HttpContext) {
    const { i18n } = ctx
    const { store } = shopOf(ctx)
    return cachedShopPage(ctx, 'home', () =>
      inUnitOfWork(async () => {
        const chrome = await shopChrome(ctx)
        const featured = await featuredProducts(FEATURED)
        const meta = pageMeta({
          store,
          path: '/',
          title: store.name,
          description: i18n.t('storefront.description', { store: store.name }),
          locale: i18n.locale,
        })
        const html = await ctx.view.render('storefront/home', { ...chrome, featured, meta })
        return { html, keep: true }
      })
    )
  }
}
