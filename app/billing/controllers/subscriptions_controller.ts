import type { HttpContext } from '@adonisjs/core/http'
import stripeConfig from '#config/stripe'
import { platformUrl } from '#core/mod'
import { currentSubscription } from '../queries/current_subscription.js'
import { LIMIT_KEYS } from '../services/plan_limits.js'

/** The store's subscription, for the members who manage billing (owner and finance) */
export default class SubscriptionsController {
  async show({ view }: HttpContext) {
    const subscription = await currentSubscription()
    return view.render('billing/show', {
      subscription,
      plan: subscription.plan,
      limitKeys: LIMIT_KEYS,
      stripeConfigured: stripeConfig.secretKey !== null && stripeConfig.webhookSecret !== null,
      webhookUrl: platformUrl('stripe_webhooks.store'),
    })
  }
}
