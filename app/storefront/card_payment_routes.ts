import type { RouteKit } from '#core/mod'
import { sameSiteOnly } from './middleware/same_site_only.js'

const CardPaymentSettings = () => import('./controllers/card_payment_settings_controller.js')
const PaymentSessions = () => import('./controllers/payment_sessions_controller.js')
const StoreStripeWebhooks = () => import('./controllers/store_stripe_webhooks_controller.js')

/**
 * Card payments through the store's own Stripe account: its keys on the
 * checkout settings page (`store:manage`), a new Checkout Session for a
 * shopper's pending card order (authorised by the order's link key, like
 * its page), and the store's webhook endpoint, signed with the store's own
 * secret: no session, no CSRF, rate-limited per sender.
 */
export default function cardPaymentRoutes({ router, middleware, web }: RouteKit) {
  const uuid = router.matchers.uuid()

  router
    .group(() => {
      router
        .put('/settings/card-payments', [CardPaymentSettings, 'update'])
        .as('card_payment_settings.update')
      router
        .delete('/settings/card-payments', [CardPaymentSettings, 'destroy'])
        .as('card_payment_settings.destroy')
    })
    .prefix('/dashboard/orders')
    .use([...web(), middleware.dashboard(), middleware.permits('store:manage')])

  router
    .group(() => {
      router
        .post('/orders/:id/:key/payment-sessions', [PaymentSessions, 'store'])
        .as('payment_sessions.store')
        .use(sameSiteOnly)
    })
    .where('id', uuid)
    .prefix('/s/:store')
    .as('storefront')
    .use([middleware.storefront(), middleware.privateResponse()])

  router
    .post('/webhooks/stripe/stores/:store', [StoreStripeWebhooks, 'store'])
    .as('store_stripe_webhooks.store')
    .where('store', uuid)
    .use(middleware.throttle('webhook'))
}
