import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { clock } from '#core/mod'
import { tenantDirectory, withTenant, type TenantSnapshot } from '#tenancy/mod'
import Plan from '../models/plan.js'
import Subscription from '../models/subscription.js'
import WebhookEvent from '../models/webhook_event.js'
import { saveSubscription } from '../services/subscription_changes.js'
import { isStale } from '../services/subscription_state.js'
import { sendBillingNotice } from '../services/billing_notices.js'
import {
  eventCreatedAt,
  readStripeEvent,
  UnreadableEvent,
  type StoreHint,
  type StripeChange,
} from '../services/stripe_event_reader.js'

/** The event names something Bazaar cannot place: an operator fixes the cause, then replays it */
export class UnresolvableEvent extends Error {}

export type ApplyOutcome = 'processed' | 'ignored' | 'failed'

const FINISHED = ['processed', 'ignored']

/**
 * Applies one recorded Stripe event to the store it concerns, exactly once:
 * the ledger row is locked and marked in the same transaction as the change,
 * so a second worker, a retry or a replay finds it done. An event older than
 * the last change applied to the subscription changes nothing (`ignored`).
 * A failure is written to the ledger with its reason; only unexpected ones
 * (the database, say) are thrown again so the queue retries them.
 */
export default class ApplyWebhookEvent {
  async handle(ledgerId: string): Promise<ApplyOutcome> {
    const entry = await WebhookEvent.find(ledgerId)
    if (!entry) throw new UnresolvableEvent(`No recorded webhook event ${ledgerId}`)
    if (FINISHED.includes(entry.status)) return entry.status as ApplyOutcome
    try {
      const change = readStripeEvent(entry.payload)
      if (change.kind === 'ignored') return await this.#finishOutsideStore(entry.id, 'ignored')
      const createdAt = eventCreatedAt(entry.payload)
      const store = await storeFor(change)
      return await withTenant(store, async () => {
        const locked = await WebhookEvent.query().where('id', entry.id).forUpdate().firstOrFail()
        if (FINISHED.includes(locked.status)) return locked.status as ApplyOutcome
        const applied = await applyChange(change, createdAt, locked.eventId)
        const outcome = applied ? 'processed' : 'ignored'
        await locked
          .merge({
            status: outcome,
            attempts: locked.attempts + 1,
            lastError: applied ? null : 'older than the last change applied to the subscription',
            processedAt: clock.now(),
          })
          .save()
        return outcome
      })
    } catch (error) {
      await db.rawQuery(
        `UPDATE webhook_events SET status = 'failed', attempts = attempts + 1, last_error = ?
         WHERE id = ? AND status NOT IN ('processed', 'ignored')`,
        [String((error as Error).message ?? error).slice(0, 2000), entry.id]
      )
      if (error instanceof UnresolvableEvent || error instanceof UnreadableEvent) return 'failed'
      throw error
    }
  }

  async #finishOutsideStore(id: string, outcome: ApplyOutcome) {
    await db.rawQuery(
      `UPDATE webhook_events
       SET status = ?, attempts = attempts + 1, last_error = NULL, processed_at = ?
       WHERE id = ? AND status NOT IN ('processed', 'ignored')`,
      [outcome, clock.now().toJSDate(), id]
    )
    return outcome
  }
}

/**
 * The store an event concerns: named in its metadata, or the one whose
 * subscription is linked to the event's customer or subscription. Finding a
 * store by a Stripe id is a read across stores, so it goes through the
 * platform connection and returns nothing but the store's id.
 */
async function storeFor(hint: StoreHint): Promise<TenantSnapshot> {
  let tenantId = hint.tenantId
  if (!tenantId && (hint.customerId || hint.subscriptionId)) {
    const linked = await db
      .connection('platform')
      .from('subscriptions')
      .where((query) => {
        if (hint.customerId) query.orWhere('stripe_customer_id', hint.customerId)
        if (hint.subscriptionId) query.orWhere('stripe_subscription_id', hint.subscriptionId)
      })
      .select('tenant_id')
      .first()
    tenantId = linked?.tenant_id ?? null
  }
  const store = tenantId ? await tenantDirectory.findById(tenantId) : null
  if (!store) {
    const named = [hint.tenantId && `store ${hint.tenantId}`, hint.customerId, hint.subscriptionId]
    throw new UnresolvableEvent(
      `No store matches ${named.filter(Boolean).join(' / ') || 'this event'}: ` +
        'set metadata.tenant_id on the Stripe object, or link the customer to a store first'
    )
  }
  return store
}

function asDateTime(value: Date | null) {
  return value ? DateTime.fromJSDate(value, { zone: 'utc' }) : null
}

/** Applies `change` to the current store's subscription; false when it is too old to apply */
async function applyChange(
  change: Exclude<StripeChange, { kind: 'ignored' }>,
  createdAt: Date,
  eventId: string
): Promise<boolean> {
  const subscription = await Subscription.query().forUpdate().first()
  if (!subscription) throw new UnresolvableEvent('The store has no subscription row')
  const before = { planId: subscription.planId, status: subscription.status }

  const stale = isStale(createdAt, subscription.lastEventCreatedAt?.toJSDate() ?? null)
  // A Checkout session links the store whenever it arrives; an old event links nothing
  if (change.kind !== 'link' && stale) {
    await mailNotice(change, subscription, false)
    return false
  }
  subscription.merge({
    stripeCustomerId: change.customerId ?? subscription.stripeCustomerId,
    stripeSubscriptionId: change.subscriptionId ?? subscription.stripeSubscriptionId,
  })
  if (change.kind === 'link') {
    await linking(() => subscription.save(), change)
    return true
  }
  subscription.merge({ status: change.status, lastEventCreatedAt: asDateTime(createdAt) })
  if (change.kind === 'subscription') {
    if (change.priceId) {
      const plan = await Plan.findBy('stripePriceId', change.priceId)
      if (!plan) {
        throw new UnresolvableEvent(
          `No plan has the Stripe price ${change.priceId}: set it with ` +
            `"node ace plan:update <code> --stripe-price=${change.priceId}", then replay the event`
        )
      }
      subscription.planId = plan.id
    }
    subscription.merge({
      currentPeriodStart: asDateTime(change.currentPeriodStart),
      currentPeriodEnd: asDateTime(change.currentPeriodEnd),
      cancelAtPeriodEnd: change.cancelAtPeriodEnd,
      trialEndsAt: asDateTime(change.trialEndsAt),
    })
  }
  await linking(() => saveSubscription(subscription, before, 'stripe', eventId), change)
  await mailNotice(change, subscription, true)
  return true
}

/**
 * The mail an event calls for, if it still applies: a failed payment only
 * when the event was not overtaken by a newer one (a later payment may have
 * gone through), a trial's end only while the store is still in that trial.
 */
async function mailNotice(
  change: Exclude<StripeChange, { kind: 'ignored' }>,
  subscription: Subscription,
  applied: boolean
) {
  if (change.kind === 'link' || !change.notice) return
  const { kind, occurrence } = change.notice
  if (kind === 'payment_failed' && !applied) return
  if (kind === 'trial_ending') {
    const end = subscription.trialEndsAt
    if (subscription.status !== 'trialing' || !end || end <= clock.now()) return
  }
  const plan = await Plan.findOrFail(subscription.planId)
  await sendBillingNotice(kind, occurrence, {
    planName: plan.name,
    status: subscription.status,
    trialEndsAt: subscription.trialEndsAt?.toISO() ?? null,
  })
}

const UNIQUE_VIOLATION = '23505'

/** Saves a subscription's Stripe ids; ids another store holds are the operator's to sort out */
async function linking<T>(save: () => Promise<T>, change: StoreHint) {
  try {
    return await save()
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error
    throw new UnresolvableEvent(
      `Stripe customer ${change.customerId} or subscription ${change.subscriptionId} ` +
        'is already linked to another store'
    )
  }
}
