import type { EventsList } from '@adonisjs/core/types'
import { toDecimalString, type Money } from '#core/mod'
import { recordActivity } from '#tenancy/mod'
import type { OrderEvent, OrderStatusEvent } from '../events.js'

/** "12.500 KWD": the same in every language, exact, for the activity sentence */
const shown = (money: Money) => `${toDecimalString(money)} ${money.currency}`
const totalOf = (event: OrderEvent) => shown(event.total)

function entry(action: string, event: OrderEvent, data: Record<string, unknown> = {}) {
  return recordActivity({
    action,
    actorUserId: event.actorUserId,
    subject: { type: 'order', id: event.orderId },
    data: { number: event.number, total: totalOf(event), ...data },
  })
}

const statusChange = (status: string) => (event: OrderStatusEvent) =>
  entry(`order.${status}`, event, { from: event.from, stockReturned: event.stockReturned })

/**
 * Orders in the store's activity log, written in the same transaction as
 * the change (the stock they move is told here, not by the catalog).
 */
export default class RecordOrderActivity {
  async placed(event: EventsList['storefront:order_placed']) {
    await entry('order.placed', event, { email: event.email, units: event.units })
  }

  paid = statusChange('paid')
  fulfilled = statusChange('fulfilled')
  cancelled = statusChange('cancelled')
  refunded = statusChange('refunded')

  async notesChanged(event: EventsList['storefront:order_notes_changed']) {
    await entry('order.notes_changed', event)
  }

  async checkoutSettingsChanged(event: EventsList['storefront:checkout_settings_changed']) {
    await recordActivity({
      action: 'order.checkout_settings_changed',
      actorUserId: event.actorUserId,
      data: {
        shipping: shown(event.shipping),
        taxRateBp: event.taxRateBp,
        pricesIncludeTax: event.pricesIncludeTax,
      },
    })
  }
}
