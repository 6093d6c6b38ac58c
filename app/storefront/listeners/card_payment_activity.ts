import type { EventsList } from '@adonisjs/core/types'
import { toDecimalString, type Money } from '#core/mod'
import { recordActivity } from '#tenancy/mod'

const shown = (money: Money) => `${toDecimalString(money)} ${money.currency}`

/** Card payments in the store's activity log, in the same transaction as the change */
export default class CardPaymentActivity {
  async changed(event: EventsList['storefront:card_payments_changed']) {
    await recordActivity({
      action: `order.card_payments_${event.change}`,
      actorUserId: event.actorUserId,
      data: { keyLast4: event.keyLast4 },
    })
  }

  async refused(event: EventsList['storefront:card_payment_refused']) {
    await recordActivity({
      action: 'order.card_payment_refused',
      actorUserId: null,
      subject: { type: 'order', id: event.orderId },
      data: {
        number: event.number,
        expected: shown(event.expected),
        received: shown(event.received),
        sessionId: event.sessionId,
      },
    })
  }
}
