import type { EventsList } from '@adonisjs/core/types'
import Plan from '../models/plan.js'
import Subscription from '../models/subscription.js'
import { saveSubscription } from '../services/subscription_changes.js'

/** Every new store starts on the free plan, in the transaction that creates it */
export default class StartFreePlan {
  async handle(_event: EventsList['store:created']) {
    const free = await Plan.findBy('code', 'free')
    if (!free) throw new Error('The "free" plan is missing: run the migrations')
    const subscription = new Subscription().merge({
      planId: free.id,
      status: 'active',
      cancelAtPeriodEnd: false,
    })
    await saveSubscription(subscription, null, 'provisioning')
  }
}
