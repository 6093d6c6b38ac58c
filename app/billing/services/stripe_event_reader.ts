import { statusFromStripe, type SubscriptionStatus } from './subscription_state.js'

/**
 * What a Stripe event means for a store's subscription, read from the
 * event alone (no database): pure, so the rules are unit-tested. Ids of
 * expandable fields may arrive as strings or as objects.
 */
export interface StoreHint {
  /** metadata.tenant_id or a Checkout session's client_reference_id */
  tenantId: string | null
  customerId: string | null
  subscriptionId: string | null
}

/**
 * A billing mail the event calls for, with what makes it one occurrence
 * (the trial, the invoice's attempt): the same occurrence mails once.
 */
export interface NoticeHint {
  kind: 'trial_ending' | 'payment_failed'
  occurrence: string
}

export type StripeChange =
  | ({
      kind: 'subscription'
      notice?: NoticeHint
      priceId: string | null
      status: SubscriptionStatus
      currentPeriodStart: Date | null
      currentPeriodEnd: Date | null
      cancelAtPeriodEnd: boolean
      trialEndsAt: Date | null
    } & StoreHint)
  | ({ kind: 'link' } & StoreHint)
  | ({ kind: 'status'; status: SubscriptionStatus; notice?: NoticeHint } & StoreHint)
  | { kind: 'ignored' }

export class UnreadableEvent extends Error {}

export const HANDLED_TYPES = [
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.trial_will_end',
  'checkout.session.completed',
  'invoice.paid',
  'invoice.payment_failed',
] as const

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

type Json = Record<string, any>

function idOf(value: unknown): string | null {
  if (typeof value === 'string' && value) return value
  if (value && typeof value === 'object' && typeof (value as Json).id === 'string') {
    return (value as Json).id
  }
  return null
}

function tenantIdIn(...candidates: unknown[]): string | null {
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && UUID.test(candidate)) return candidate.toLowerCase()
  }
  return null
}

function dateOf(seconds: unknown): Date | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000) : null
}

/** When the event happened at Stripe (its `created`, in seconds) */
export function eventCreatedAt(event: Json): Date {
  const created = dateOf(event.created)
  if (!created) throw new UnreadableEvent('The event has no `created` timestamp')
  return created
}

function subscriptionChange(object: Json, deleted: boolean): StripeChange {
  const status = deleted ? 'canceled' : statusFromStripe(String(object.status))
  if (!status) throw new UnreadableEvent(`Unknown Stripe subscription status "${object.status}"`)
  const item = object.items?.data?.[0] ?? {}
  return {
    kind: 'subscription',
    tenantId: tenantIdIn(object.metadata?.tenant_id),
    customerId: idOf(object.customer),
    subscriptionId: idOf(object.id),
    // A canceled subscription keeps the plan it had, whatever its price is now
    priceId: deleted ? null : idOf(item.price),
    status,
    currentPeriodStart: dateOf(item.current_period_start ?? object.current_period_start),
    currentPeriodEnd: dateOf(item.current_period_end ?? object.current_period_end),
    cancelAtPeriodEnd: object.cancel_at_period_end === true,
    trialEndsAt: dateOf(object.trial_end),
  }
}

function invoiceHint(object: Json): StoreHint {
  const details = object.parent?.subscription_details ?? {}
  return {
    tenantId: tenantIdIn(details.metadata?.tenant_id, object.metadata?.tenant_id),
    customerId: idOf(object.customer),
    subscriptionId: idOf(details.subscription ?? object.subscription),
  }
}

export function readStripeEvent(event: Json): StripeChange {
  const object: Json = event.data?.object ?? {}
  switch (event.type) {
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
      return subscriptionChange(object, false)
    case 'customer.subscription.deleted':
      return subscriptionChange(object, true)
    case 'customer.subscription.trial_will_end': {
      // Stripe sends it three days before the trial ends, with the subscription as it stands
      const change = subscriptionChange(object, false)
      return {
        ...change,
        notice: { kind: 'trial_ending', occurrence: `${idOf(object.id)}:${object.trial_end}` },
      } as StripeChange
    }
    case 'checkout.session.completed':
      return {
        kind: 'link',
        tenantId: tenantIdIn(object.client_reference_id, object.metadata?.tenant_id),
        customerId: idOf(object.customer),
        subscriptionId: idOf(object.subscription),
      }
    case 'invoice.paid':
      return { kind: 'status', status: 'active', ...invoiceHint(object) }
    case 'invoice.payment_failed': {
      const attempt = Number.isInteger(object.attempt_count) ? object.attempt_count : 1
      const invoice = idOf(object.id) ?? String(event.id)
      return {
        kind: 'status',
        status: 'past_due',
        notice: { kind: 'payment_failed', occurrence: `${invoice}:${attempt}` },
        ...invoiceHint(object),
      }
    }
    default:
      return { kind: 'ignored' }
  }
}
