import { createHmac, timingSafeEqual } from 'node:crypto'
import { appKey, appUrl } from '#config/app'
import { storePathOnPlatform } from '#core/mod'

/**
 * The key in an order's confirmation link: whoever placed the order (or
 * reads its mail) holds it, nobody can guess it, and it needs no column.
 */
export function orderKey(tenantId: string, orderId: string) {
  return createHmac('sha256', appKey.release())
    .update(`storefront-order:${tenantId}:${orderId}`)
    .digest('base64url')
    .slice(0, 32)
}

export function isOrderKey(tenantId: string, orderId: string, key: unknown) {
  if (typeof key !== 'string') return false
  const expected = Buffer.from(orderKey(tenantId, orderId))
  const given = Buffer.from(key)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The confirmation page's path under the store's mount (`basePath`: '' on its own host) */
export function orderPath(basePath: string, tenantId: string, orderId: string) {
  return `${basePath}/orders/${orderId}/${orderKey(tenantId, orderId)}`
}

/** The confirmation page as an absolute link on the platform's host, for mails */
export function orderUrl(store: { id: string; slug: string }, orderId: string) {
  return `${appUrl}${storePathOnPlatform(store.slug, `/orders/${orderId}/${orderKey(store.id, orderId)}`)}`
}
