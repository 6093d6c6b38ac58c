import type { RouteKit } from '#core/mod'

const Subscriptions = () => import('./controllers/subscriptions_controller.js')
const StripeWebhooks = () => import('./controllers/stripe_webhooks_controller.js')
const CheckoutSessions = () => import('./controllers/checkout_sessions_controller.js')
const PortalSessions = () => import('./controllers/portal_sessions_controller.js')

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

  // Upgrading and the payment method go to Stripe; the write gate lets billing.* through
  router
    .post('/dashboard/billing/checkout-sessions', [CheckoutSessions, 'store'])
    .as('billing.checkout_sessions.store')
    .use([...web(), middleware.dashboard(), middleware.permits('billing:manage')])
  router
    .post('/dashboard/billing/portal-sessions', [PortalSessions, 'store'])
    .as('billing.portal_sessions.store')
    .use([...web(), middleware.dashboard(), middleware.permits('billing:manage')])

  router
    .post('/webhooks/stripe', [StripeWebhooks, 'store'])
    .as('stripe_webhooks.store')
    .use(middleware.throttle('webhook'))
}
