import env from '#start/env'

/**
 * Stripe, for billing. Without a secret key the app runs on operator-set
 * plans only; the webhook secret is required in production (billing checks
 * it at boot). `api` points the SDK at another server (tests and the demo
 * run a local stand-in for Stripe).
 */
const stripeConfig = {
  secretKey: env.get('STRIPE_SECRET_KEY') || null,
  webhookSecret: env.get('STRIPE_WEBHOOK_SECRET') || null,
  /** Seconds a signed delivery stays acceptable (Stripe's own default) */
  webhookTolerance: 300,
  api: {
    host: env.get('STRIPE_API_HOST') || undefined,
    port: env.get('STRIPE_API_PORT'),
    protocol: env.get('STRIPE_API_PROTOCOL'),
  },
}

export default stripeConfig
