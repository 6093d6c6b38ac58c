import { Conflict, platformUrl } from '#core/mod'
import { inUnitOfWork } from '#tenancy/mod'
import Subscription from '../models/subscription.js'
import { stripeClient, stripeConfigured } from '../services/stripe_client.js'
import { callStripe } from '../services/stripe_calls.js'
import { say } from '../messages.js'

/**
 * Opens Stripe's customer portal for the store's Stripe customer, where the
 * payment method is changed and the subscription canceled; Stripe's
 * webhooks then tell Bazaar what changed. Returns the portal's address.
 */
export default class OpenCustomerPortal {
  async handle(): Promise<string> {
    const stripe = stripeClient()
    if (!stripe || !stripeConfigured()) throw new Conflict(say('checkout.not_configured'))
    const customerId = await inUnitOfWork(async () => {
      const subscription = await Subscription.query().firstOrFail()
      return subscription.stripeCustomerId
    })
    if (!customerId) throw new Conflict(say('portal.no_customer'))
    const session = await callStripe('billing_portal.sessions.create', () =>
      stripe.billingPortal.sessions.create({
        customer: customerId,
        return_url: platformUrl('billing.index'),
      })
    )
    return session.url
  }
}
