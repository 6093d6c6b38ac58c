import { Conflict, Invalid, platformUrl } from '#core/mod'
import { currentTenant, inUnitOfWork } from '#tenancy/mod'
import Plan from '../models/plan.js'
import Subscription from '../models/subscription.js'
import { stripeClient, stripeConfigured } from '../services/stripe_client.js'
import { callStripe } from '../services/stripe_calls.js'
import { say } from '../messages.js'

/**
 * Starts paying for `planCode` through Stripe Checkout: the store's Stripe
 * customer (created once, then reused) and a subscription-mode session for
 * the plan's price, carrying the store's id so the webhook links what
 * Stripe creates back to this store. The trial is offered once per store.
 * Returns the session's address to send the person to.
 */
export default class StartCheckout {
  async handle(input: { planCode: string; email: string }): Promise<string> {
    const stripe = stripeClient()
    if (!stripe || !stripeConfigured()) throw new Conflict(say('checkout.not_configured'))
    const plan = await Plan.query()
      .where('code', input.planCode)
      .whereNull('archived_at')
      .whereNotNull('stripe_price_id')
      .first()
    if (!plan) throw new Invalid(say('checkout.unknown_plan'), 'plan')

    return inUnitOfWork(async () => {
      const tenant = currentTenant()
      // Locked so two clicks at once create one Stripe customer, not two
      const subscription = await Subscription.query().forUpdate().firstOrFail()
      if (subscription.stripeSubscriptionId && subscription.status !== 'canceled') {
        throw new Conflict(say('checkout.already_subscribed'))
      }
      if (!subscription.stripeCustomerId) {
        const customer = await callStripe('customers.create', () =>
          stripe.customers.create({
            email: input.email,
            name: tenant.name,
            metadata: { tenant_id: tenant.id },
          })
        )
        subscription.stripeCustomerId = customer.id
        await subscription.save()
      }
      const trialDays = plan.trialDays > 0 && !subscription.trialEndsAt ? plan.trialDays : null
      const billingUrl = platformUrl('billing.index')
      const session = await callStripe('checkout.sessions.create', () =>
        stripe.checkout.sessions.create({
          mode: 'subscription',
          customer: subscription.stripeCustomerId!,
          client_reference_id: tenant.id,
          metadata: { tenant_id: tenant.id, plan: plan.code },
          line_items: [{ price: plan.stripePriceId!, quantity: 1 }],
          subscription_data: {
            metadata: { tenant_id: tenant.id },
            ...(trialDays ? { trial_period_days: trialDays } : {}),
          },
          success_url: `${billingUrl}?checkout=success`,
          cancel_url: `${billingUrl}?checkout=canceled`,
        })
      )
      if (!session.url) throw new Conflict(say('checkout.no_url'))
      return session.url
    })
  }
}
