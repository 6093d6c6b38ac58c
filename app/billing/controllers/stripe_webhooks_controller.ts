import type { HttpContext } from '@adonisjs/core/http'
import { BadRequest } from '#core/mod'
import stripeConfig from '#config/stripe'
import { verifiedStripeEvent, WebhookSignatureInvalid } from '../services/stripe_client.js'
import { recordWebhookEvent } from '../operations/record_webhook_event.js'

/**
 * Stripe's deliveries. A 2xx means the event is in the ledger and handed to
 * the queue: it is applied later by a job, so Stripe never waits on our work
 * and a duplicate delivery finds the event already recorded.
 */
export default class StripeWebhooksController {
  async store({ request, response }: HttpContext) {
    const secret = stripeConfig.webhookSecret
    if (!secret) {
      return response.status(503).send({
        errors: [
          { field: null, message: 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET)' },
        ],
      })
    }
    const signature = request.header('stripe-signature')
    const body = request.raw()
    if (!signature || !body) {
      throw new BadRequest('A Stripe event needs its raw JSON body and a Stripe-Signature header')
    }
    let event
    try {
      event = verifiedStripeEvent(body, signature, secret)
    } catch (error) {
      throw new BadRequest(
        error instanceof WebhookSignatureInvalid
          ? 'The Stripe-Signature does not match this body, or is older than 300 seconds'
          : 'The body is not a Stripe event'
      )
    }
    if (!validEvent(event)) throw new BadRequest('The body is not a Stripe event')

    const recorded = await recordWebhookEvent('stripe', event, event)
    return response.ok({ received: true, duplicate: recorded.duplicate })
  }
}

function validEvent(event: unknown): event is { id: string; type: string } {
  const { id, type } = (event ?? {}) as { id?: unknown; type?: unknown }
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= 255 &&
    typeof type === 'string' &&
    type.length > 0 &&
    type.length <= 120
  )
}
