import { storePagesChanged } from '../services/page_cache.js'

/**
 * Whatever changes what a store's browse pages show (its products, prices,
 * stock, categories, its settings and look) gives its kept pages a new
 * version once the change commits, in whichever process made it (a
 * request, the queue worker's import or price run).
 */
export default class RefreshStorePages {
  async handle(event: { tenantId: string }) {
    await storePagesChanged(event.tenantId)
  }
}
