import { Conflict, NotFound, clock } from '#core/mod'
import { currentTenant, inUnitOfWork } from '#tenancy/mod'
import Order from '../models/order.js'
import { orderUrl } from '../services/order_links.js'
import {
  CardPaymentUnavailable,
  callStoreStripe,
  sayCard,
  storeStripe,
  storeStripeKeys,
} from '../services/card_payments.js'
import { say } from '../orders_messages.js'

/**
 * Opens a Stripe Checkout Session (payment mode) with the store's own key
 * for a pending card order, and returns its address. The card is charged
 * the amount the order recorded when it was placed (whole tens of fils for
 * 3-decimal currencies); the session carries the order's and the store's
 * ids, which the webhook checks. No transaction is held while Stripe
 * answers: a refusal or an outage leaves the order pending, as it was, for
 * the shopper to try again (`CardPaymentUnavailable`).
 */
export default class OpenPaymentSession {
  async handle(input: { orderId: string }): Promise<string> {
    const tenant = currentTenant()
    const { order, keys } = await inUnitOfWork(async () => ({
      order: await Order.find(input.orderId),
      keys: await storeStripeKeys(),
    }))
    if (!order || order.paymentMethod !== 'card') throw new NotFound(say('errors.not_found'))
    if (order.status !== 'pending') {
      throw new Conflict(sayCard('errors.not_payable', { number: order.number }), 'order')
    }
    if (!keys) throw new Conflict(sayCard('errors.card_not_offered'), 'payment')

    const chargedAmount = order.chargedAmount ?? order.totalAmount
    const orderPage = orderUrl(tenant, order.id)
    const session = await callStoreStripe('checkout.sessions.create', () =>
      storeStripe(keys.secretKey).checkout.sessions.create({
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: order.currency.toLowerCase(),
              unit_amount: Number(chargedAmount),
              product_data: {
                name: sayCard('stripe_line', { number: order.number, store: tenant.name }),
              },
            },
          },
        ],
        client_reference_id: order.id,
        metadata: { order_id: order.id, tenant_id: tenant.id },
        payment_intent_data: { metadata: { order_id: order.id, tenant_id: tenant.id } },
        customer_email: order.email,
        success_url: `${orderPage}?payment=done`,
        cancel_url: `${orderPage}?payment=cancelled`,
      })
    )
    if (!session.url) throw new CardPaymentUnavailable('Stripe answered without a session URL')

    await inUnitOfWork(async () => {
      await Order.query()
        .where('id', order.id)
        .where('status', 'pending')
        .update({ payment_session_id: session.id, updated_at: clock.now().toJSDate() })
    })
    return session.url
  }
}
