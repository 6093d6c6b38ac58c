import type { HttpContext } from '@adonisjs/core/http'
import { storeUrl } from '#core/mod'
import { sitemapEntries } from '#catalog/mod'
import { canonicalPaths, sitemapXml } from '../services/seo.js'
import { shopOf } from './concerns/shop_page.js'

/** The store's sitemap: its home page, categories and active products, on its own host */
export default class SitemapsController {
  async show(ctx: HttpContext) {
    const { store } = shopOf(ctx)
    const { categories, products } = await sitemapEntries()
    const latest = [...categories, ...products].reduce<Date | undefined>(
      (last, entry) => (!last || entry.updatedAt > last ? entry.updatedAt : last),
      undefined
    )
    const url = (path: string) => storeUrl(store, path)
    const xml = sitemapXml([
      { loc: url('/'), lastmod: latest },
      ...categories.map((entry) => ({
        loc: url(canonicalPaths.category(entry.slug)),
        lastmod: entry.updatedAt,
      })),
      ...products.map((entry) => ({
        loc: url(canonicalPaths.product(entry.slug)),
        lastmod: entry.updatedAt,
      })),
    ])
    ctx.response.header('Content-Type', 'application/xml; charset=utf-8')
    return xml
  }
}
