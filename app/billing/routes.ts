import type { RouteKit } from '#core/mod'

const Subscriptions = () => import('./controllers/subscriptions_controller.js')
const StripeWebhooks = () => import('./controllers/stripe_webhooks_controller.js')

/**
 * The store's billing page for the members who manage billing, and
 * Stripe's webhook endpoint: no session, no CSRF (Stripe signs the body
 * instead), rate-limited per sender.
 */
export default function billingRoutes({ router, middleware, web }: RouteKit) {
  router
    .get('/dashboard/billing', [Subscriptions, 'show'])
    .as('billing.index')
    .use([...web(), middleware.dashboard(), middleware.permits('billing:manage')])

  router
    .post('/webhooks/stripe', [StripeWebhooks, 'store'])
    .as('stripe_webhooks.store')
    .use(middleware.throttle('webhook'))
}
