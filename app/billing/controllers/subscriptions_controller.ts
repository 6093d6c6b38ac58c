import type { HttpContext } from '@adonisjs/core/http'
import { currentUsage, platformUrl } from '#core/mod'
import { Membership } from '#identity/mod'
import Plan from '../models/plan.js'
import { currentSubscription } from '../queries/current_subscription.js'
import { stripeInvoices } from '../queries/stripe_invoices.js'
import { stripeConfigured } from '../services/stripe_client.js'
import { LIMIT_KEYS } from '../services/plan_limits.js'
import { daysUntil } from '../mails/billing_notice_mail.js'

/** The store's subscription, for the members who manage billing (owner and finance) */
export default class SubscriptionsController {
  async show({ view, request }: HttpContext) {
    const subscription = await currentSubscription()
    const configured = stripeConfigured()
    // A live Stripe subscription changes plan in Stripe's portal, never through a second Checkout
    const subscribed = !!subscription.stripeSubscriptionId && subscription.status !== 'canceled'
    const upgrades =
      configured && !subscribed
        ? await Plan.query()
            .whereNull('archived_at')
            .whereNotNull('stripe_price_id')
            .whereNot('id', subscription.planId)
            .orderBy('monthly_price_amount', 'asc')
        : []
    const invoices =
      configured && subscription.stripeCustomerId
        ? await stripeInvoices(subscription.stripeCustomerId)
        : []
    const [members] = await Membership.query().count('* as total')
    return view.render('billing/show', {
      subscription,
      plan: subscription.plan,
      limitKeys: LIMIT_KEYS,
      usage: { ...(await currentUsage()), members: Number(members.$extras.total) },
      stripeConfigured: configured,
      webhookUrl: platformUrl('stripe_webhooks.store'),
      upgrades,
      // A trial offered once per store: a store that had one is not offered another
      trialOffered: !subscription.trialEndsAt,
      invoices,
      trialDaysLeft: subscription.trialEndsAt ? daysUntil(subscription.trialEndsAt) : null,
      checkoutResult: ['success', 'canceled'].includes(request.qs().checkout)
        ? request.qs().checkout
        : null,
    })
  }
}
