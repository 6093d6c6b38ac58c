import Stripe from 'stripe'
import stripeConfig from '#config/stripe'

export interface StripeApiAddress {
  host?: string
  port?: number
  protocol?: 'http' | 'https'
}

/** A Stripe API client for `secretKey`, talking to `api` (Stripe itself when empty) */
export function createStripeClient(secretKey: string, api: StripeApiAddress = {}) {
  return new Stripe(secretKey, {
    host: api.host,
    port: api.port,
    protocol: api.protocol,
    maxNetworkRetries: 2,
    timeout: 10_000,
    appInfo: { name: 'Bazaar' },
  })
}

let built: { client: Stripe | null; from: string } | undefined

/**
 * The one Stripe API client, built from config; null when no secret key is
 * configured (plans are then set by operators only). Built again only when
 * the config it came from changes (the tests point it at their stand-in).
 */
export function stripeClient(): Stripe | null {
  const { secretKey, api } = stripeConfig
  const from = JSON.stringify([secretKey, api.host, api.port, api.protocol])
  if (built?.from !== from) {
    built = { client: secretKey ? createStripeClient(secretKey, api) : null, from }
  }
  return built.client
}

/** Whether card payments are set up: an API key to call Stripe, a secret to trust its webhooks */
export function stripeConfigured() {
  return stripeConfig.secretKey !== null && stripeConfig.webhookSecret !== null
}

export class WebhookSignatureInvalid extends Error {}

/**
 * The event Stripe signed, checked against the webhook secret with Stripe's
 * 300-second tolerance. Needs no API key: signing is the secret alone.
 */
export function verifiedStripeEvent(rawBody: string, signature: string, secret: string) {
  try {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret, stripeConfig.webhookTolerance)
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new WebhookSignatureInvalid(error.message)
    }
    throw error
  }
}

export type StripeEvent = Stripe.Event
