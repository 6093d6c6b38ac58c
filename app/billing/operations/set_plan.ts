import { NotFound } from '#core/mod'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import Plan from '../models/plan.js'
import Subscription from '../models/subscription.js'
import { saveSubscription } from '../services/subscription_changes.js'

/**
 * An operator puts a store on a plan, with or without Stripe: the
 * subscription becomes active on that plan. A later Stripe event for the
 * store still applies over it.
 */
export default class SetPlan {
  async handle(store: TenantSnapshot, planCode: string) {
    return withTenant(store, async () => {
      const plan = await Plan.query().where('code', planCode).whereNull('archived_at').first()
      if (!plan) throw new NotFound(`No active plan with the code "${planCode}"`)
      const subscription =
        (await Subscription.query().forUpdate().first()) ??
        new Subscription().merge({ cancelAtPeriodEnd: false })
      const before = subscription.$isPersisted
        ? { planId: subscription.planId, status: subscription.status }
        : null
      subscription.merge({ planId: plan.id, status: 'active' })
      await saveSubscription(subscription, before, 'operator')
      return { plan, subscription }
    })
  }
}
