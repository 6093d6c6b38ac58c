import router from '@adonisjs/core/services/router'
import { PaymentRequired, type CapacityRequest } from '#core/mod'
import { currentClient, currentTenant } from '#tenancy/mod'
import Subscription from '../models/subscription.js'
import { normalizeLimits, withinLimit } from './plan_limits.js'
import { say } from '../messages.js'

/**
 * The plan's caps, checked in the store's transaction right before the
 * insert. A transaction-level advisory lock per store and resource makes
 * concurrent creates of the same store wait for each other, so the count
 * each one reads includes what the ones before it committed: two creates
 * cannot both take the last slot. The lock goes with the transaction.
 */
export async function checkPlanCapacity({ resource, count, adding }: CapacityRequest) {
  const tenant = currentTenant()
  await currentClient().rawQuery('SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))', [
    `billing:caps:${tenant.id}`,
    resource,
  ])
  const subscription = await Subscription.query().preload('plan').first()
  // A store without a subscription is not on any plan's caps
  if (!subscription) return
  const limit = normalizeLimits(subscription.plan.limits)[resource]
  if (withinLimit(limit, await count(), adding)) return
  throw new PaymentRequired(
    say(`caps.reached.${resource}`, { limit: limit!, plan: subscription.plan.name }),
    router.makeUrl('billing.index')
  )
}
