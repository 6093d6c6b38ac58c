/**
 * Without a signing secret no webhook can be verified, and in production an
 * unverified one must never be believed: the app refuses to start.
 */
export function requireWebhookSecret(inProduction: boolean, secret: string | null) {
  if (inProduction && !secret) {
    throw new Error('STRIPE_WEBHOOK_SECRET is required in production (the Stripe signing secret)')
  }
}
