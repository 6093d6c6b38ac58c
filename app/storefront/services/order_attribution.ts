import { currentClient, currentTenant } from '#tenancy/mod'
import type { Touch } from './visits_rules.js'
import { touchesOf, type TimedTouch } from './visits_store.js'

export interface OrderOrigin {
  visitorId: string | null
  first: Touch | null
  last: Touch | null
}

/**
 * Where an order came from: the shopper's first and last touch in this
 * store, as remembered for their cart cookie and for today's hash of their
 * address. Redis being away leaves the order unattributed, never unplaced.
 */
export async function originOf(visitorId: string | null, visitorHash: string | null) {
  const visitors = [
    ...(visitorId ? [`v:${visitorId}`] : []),
    ...(visitorHash ? [`h:${visitorHash}`] : []),
  ]
  const touches = visitors.length
    ? await touchesOf(currentTenant().id, visitors)
    : { first: null, last: null }
  return { visitorId, first: plain(touches.first), last: plain(touches.last) }
}

function plain(touch: TimedTouch | null): Touch | null {
  return touch ? { source: touch.source, medium: touch.medium, campaign: touch.campaign } : null
}

/** Writes the origin on the order, in the placing transaction */
export async function attributeOrder(orderId: string, origin: OrderOrigin) {
  await currentClient()
    .from('orders')
    .where('tenant_id', currentTenant().id)
    .where('id', orderId)
    .update({
      visitor_id: origin.visitorId,
      first_touch_source: origin.first?.source ?? null,
      first_touch_medium: origin.first?.medium ?? null,
      first_touch_campaign: origin.first?.campaign ?? null,
      last_touch_source: origin.last?.source ?? null,
      last_touch_medium: origin.last?.medium ?? null,
      last_touch_campaign: origin.last?.campaign ?? null,
    })
}
