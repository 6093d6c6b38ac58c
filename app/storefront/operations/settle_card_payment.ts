import emitter from '@adonisjs/core/services/emitter'
import { isSupportedCurrency, toDecimalString } from '#core/mod'
import { currentTenant, inUnitOfWork } from '#tenancy/mod'
import Order from '../models/order.js'
import ChangeOrderStatus from './change_order_status.js'
import { sayCard } from '../services/card_payments.js'

/** The fields of a Checkout Session that settling reads */
export interface PaidSession {
  id: string
  payment_status?: string | null
  amount_total?: number | null
  currency?: string | null
  client_reference_id?: string | null
  metadata?: Record<string, string> | null
}

export type SettleOutcome = 'paid' | 'already_settled' | 'not_paid_yet' | 'mismatch' | 'ignored'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A Checkout Session Stripe reports paid, applied to the current store's
 * order in one transaction: the order's row is locked, so duplicate or
 * concurrent deliveries mark it paid once (through the dashboard's own
 * status change, which fires `storefront:order_paid`) and then find it
 * settled. A session naming another store (two stores on one Stripe
 * account both receive it) or an unknown order is ignored. A payment whose
 * amount or currency is not what the order was charged leaves the order
 * pending, with a note for the team and an activity entry.
 */
export default class SettleCardPayment {
  async handle(session: PaidSession): Promise<SettleOutcome> {
    if (session.payment_status !== 'paid') return 'not_paid_yet'
    const tenant = currentTenant()
    const orderId = session.metadata?.order_id ?? session.client_reference_id ?? ''
    if (session.metadata?.tenant_id !== tenant.id || !UUID.test(orderId)) return 'ignored'

    return inUnitOfWork(async () => {
      const order = await Order.query().where('id', orderId).forUpdate().first()
      if (!order || order.paymentMethod !== 'card') return 'ignored'
      if (order.status !== 'pending') return 'already_settled'

      const expected = order.money(order.chargedAmount ?? order.totalAmount)
      const received = {
        amount: BigInt(Number.isSafeInteger(session.amount_total) ? session.amount_total! : -1),
        currency: (session.currency ?? '').toUpperCase(),
      }
      if (received.amount !== expected.amount || received.currency !== expected.currency) {
        // A redelivery finds its note already there and changes nothing
        if (order.notes.includes(session.id)) return 'mismatch'
        const note = sayCard('mismatch_note', {
          session: session.id,
          expected: `${toDecimalString(expected)} ${expected.currency}`,
          received: isSupportedCurrency(received.currency)
            ? `${toDecimalString(received)} ${received.currency}`
            : `${session.amount_total ?? '?'} ${received.currency || '?'}`,
        })
        order.notes = order.notes ? `${order.notes}\n\n${note}` : note
        await order.save()
        await emitter.emit('storefront:card_payment_refused', {
          tenantId: tenant.id,
          orderId: order.id,
          number: order.number,
          expected,
          received: {
            amount: received.amount < 0n ? 0n : received.amount,
            currency: isSupportedCurrency(received.currency)
              ? received.currency
              : expected.currency,
          },
          sessionId: session.id,
        })
        return 'mismatch'
      }

      await new ChangeOrderStatus().handle({ orderId: order.id, status: 'paid', actorUserId: null })
      return 'paid'
    })
  }
}
