import emitter from '@adonisjs/core/services/emitter'
import Plan from '../models/plan.js'
import type Subscription from '../models/subscription.js'
import type { SubscriptionChanged } from '../events.js'

/**
 * Saves `subscription` (already merged with its new values) and tells the
 * other modules when its plan or status moved. Runs inside the store's unit
 * of work, so the event's listeners commit or roll back with the change.
 */
export async function saveSubscription(
  subscription: Subscription,
  before: { planId: string; status: Subscription['status'] } | null,
  source: SubscriptionChanged['source'],
  trigger?: string
) {
  await subscription.save()
  if (before && before.planId === subscription.planId && before.status === subscription.status) {
    return
  }
  const plans = await Plan.query().whereIn(
    'id',
    [subscription.planId, before?.planId].filter((id): id is string => !!id)
  )
  const codeOf = (id: string | undefined) => plans.find((plan) => plan.id === id)?.code ?? null
  await emitter.emit('billing:subscription_changed', {
    tenantId: subscription.tenantId,
    planCode: codeOf(subscription.planId)!,
    status: subscription.status,
    previousPlanCode: codeOf(before?.planId),
    previousStatus: before?.status ?? null,
    source,
    ...(trigger ? { trigger } : {}),
  })
}
