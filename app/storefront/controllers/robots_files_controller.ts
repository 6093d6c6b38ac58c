import type { HttpContext } from '@adonisjs/core/http'
import { storeUrl } from '#core/mod'
import { robotsTxt } from '../services/seo.js'
import { shopOf } from './concerns/shop_page.js'

/** The store's robots.txt: what crawlers may read, and where the sitemap is */
export default class RobotsFilesController {
  show(ctx: HttpContext) {
    const { store } = shopOf(ctx)
    ctx.response.header('Content-Type', 'text/plain; charset=utf-8')
    return robotsTxt(storeUrl(store, '/sitemap.xml'))
  }
}
