import type { HttpContext } from '@adonisjs/core/http'
import { inUnitOfWork, keptStorePage } from '#tenancy/mod'
import { featuredProducts } from '#catalog/mod'
import { pageMeta } from '../services/seo.js'
import { shopChrome, shopOf } from './concerns/shop_page.js'

const FEATURED = 8

/** The store's home page: its categories and latest products, kept by the process for a moment */
export default class HomeController {
  async show(ctx: HttpContext) {
    const { view, i18n, storeMount } = ctx
    const { store } = shopOf(ctx)
    return keptStorePage(`home ${i18n.locale} ${storeMount?.basePath}`, () =>
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
        return view.render('storefront/home', { ...chrome, featured, meta })
      })
    )
  }
}
