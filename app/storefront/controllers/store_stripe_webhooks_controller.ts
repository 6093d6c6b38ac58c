import type { HttpContext } from '@adonisjs/core/http'
import { BadRequest, NotFound } from '#core/mod'
import { tenantDirectory, withTenant } from '#tenancy/mod'
import { verifiedStripeEvent, WebhookSignatureInvalid } from '#billing/mod'
import SettleCardPayment, { type PaidSession } from '../operations/settle_card_payment.js'
import { storeStripeKeys } from '../services/card_payments.js'

const SETTLING = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded'])

/**
 * A store's own Stripe account telling us about its Checkout Sessions,
 * signed with the store's webhook secret (300 s tolerance). Paid sessions
 * settle their order; anything else is acknowledged and left alone (an
 * expired session leaves its order pending, to be paid again). A 2xx tells
 * Stripe to stop sending: settling is idempotent, so a redelivery is safe.
 */
export default class StoreStripeWebhooksController {
  async store({ request, params, response }: HttpContext) {
    const store = await tenantDirectory.findById(params.store)
    const keys = store ? await withTenant(store, () => storeStripeKeys()) : null
    if (!store || !keys) throw new NotFound('No store takes card payments at this address')

    const signature = request.header('stripe-signature')
    const body = request.raw()
    if (!signature || !body) {
      throw new BadRequest('A Stripe event needs its raw JSON body and a Stripe-Signature header')
    }
    let event
    try {
      event = verifiedStripeEvent(body, signature, keys.webhookSecret)
    } catch (error) {
      throw new BadRequest(
        error instanceof WebhookSignatureInvalid
          ? 'The Stripe-Signature does not match this body, or is older than 300 seconds'
          : 'The body is not a Stripe event'
      )
    }
    const session = (event.data?.object ?? null) as PaidSession | null
    if (!SETTLING.has(event.type) || !session || typeof session.id !== 'string') {
      return response.ok({ received: true, outcome: 'ignored' })
    }
    const outcome = await withTenant(store, () => new SettleCardPayment().handle(session))
    return response.ok({ received: true, outcome })
  }
}
