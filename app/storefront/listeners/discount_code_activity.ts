import type { EventsList } from '@adonisjs/core/types'
import { recordActivity } from '#tenancy/mod'
import type { DiscountCodeEvent } from '../discount_events.js'

const entry = (action: string) => (event: DiscountCodeEvent) =>
  recordActivity({
    action,
    actorUserId: event.actorUserId,
    subject: { type: 'discount_code', id: event.discountCodeId },
    data: { code: event.code },
  })

/** Discount codes in the store's activity log, written with the change */
export default class DiscountCodeActivity {
  created: (event: EventsList['storefront:discount_code_created']) => Promise<unknown> =
    entry('order.discount_created')
  updated: (event: EventsList['storefront:discount_code_updated']) => Promise<unknown> =
    entry('order.discount_updated')
  deactivated: (event: EventsList['storefront:discount_code_deactivated']) => Promise<unknown> =
    entry('order.discount_deactivated')
}
