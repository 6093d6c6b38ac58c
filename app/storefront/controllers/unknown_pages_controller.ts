import type { HttpContext } from '@adonisjs/core/http'
import { ShopPageNotFound } from './concerns/shop_page.js'

/** An address under a store that names no page of it: the store's own 404, in its look */
export default class UnknownPagesController {
  show({ i18n }: HttpContext) {
    throw new ShopPageNotFound(i18n.t('storefront.page_not_found_body'))
  }
}
