import emitter from '@adonisjs/core/services/emitter'
import Plan from '../models/plan.js'
import type Subscription from '../models/subscription.js'
import type { SubscriptionChanged } from '../events.js'

export interface SubscriptionStanding {
  planId: string
  status: Subscription['status']
}

/**
 * Saves `subscription` (already merged with its new values) and tells the
 * other modules when its plan or status moved. Runs inside the store's unit
 * of work, so the event's listeners commit or roll back with the change.
 */
export async function saveSubscription(
  subscription: Subscription,
  before: SubscriptionStanding | null,
  source: SubscriptionChanged['source'],
  trigger?: string
) {
  await subscription.save()
  await announceSubscriptionChange(subscription.tenantId, before, subscription, source, trigger)
}

/** Emits `billing:subscription_changed` when the plan or the status differs from `before` */
export async function announceSubscriptionChange(
  tenantId: string,
  before: SubscriptionStanding | null,
  after: SubscriptionStanding,
  source: SubscriptionChanged['source'],
  trigger?: string
) {
  if (before && before.planId === after.planId && before.status === after.status) return
  const plans = await Plan.query().whereIn(
    'id',
    [after.planId, before?.planId].filter((id): id is string => !!id)
  )
  const codeOf = (id: string | undefined) => plans.find((plan) => plan.id === id)?.code ?? null
  await emitter.emit('billing:subscription_changed', {
    tenantId,
    planCode: codeOf(after.planId)!,
    status: after.status,
    previousPlanCode: codeOf(before?.planId),
    previousStatus: before?.status ?? null,
    source,
    ...(trigger ? { trigger } : {}),
  })
}
