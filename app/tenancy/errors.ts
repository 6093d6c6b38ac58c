import { Exception } from '@adonisjs/core/exceptions'
import { NotFound } from '#core/mod'

/** No store answers on this host or path: the storefront's own 404 page */
export class StoreNotFound extends NotFound {
  page = 'storefront/not_found'
  constructor() {
    super('No store answers at this address')
  }
}

/** The store exists but is suspended: shoppers get a page that says so, in the store's look */
export class StoreUnavailable extends Exception {
  static status = 503
  static code = 'E_STORE_UNAVAILABLE'
  page = 'storefront/unavailable'
  headers = { 'Retry-After': '3600' }
  constructor() {
    super('This store is unavailable for now')
  }
}
