/**
 * The pure rules of a subscription's state: which statuses exist, how
 * Stripe's map onto them, and whether an event is too old to apply.
 */
export const SUBSCRIPTION_STATUSES = [
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'incomplete',
] as const

export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

const FROM_STRIPE: Record<string, SubscriptionStatus> = {
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  canceled: 'canceled',
  unpaid: 'unpaid',
  incomplete: 'incomplete',
  // The first payment never came: the subscription is over
  incomplete_expired: 'canceled',
  // A trial ended without a payment method: nothing is paid until one is added
  paused: 'unpaid',
}

/** Our status for Stripe's, or null for one this code does not know */
export function statusFromStripe(stripeStatus: string): SubscriptionStatus | null {
  return Object.hasOwn(FROM_STRIPE, stripeStatus) ? FROM_STRIPE[stripeStatus] : null
}

/**
 * Whether an event created at `eventCreatedAt` describes an older state than
 * the last change applied. Stripe's `created` has one-second resolution: an
 * event of the same second as the last one applied is applied too (the
 * later delivery wins), only a strictly older one is stale.
 */
export function isStale(eventCreatedAt: Date, lastAppliedAt: Date | null): boolean {
  return lastAppliedAt !== null && eventCreatedAt.getTime() < lastAppliedAt.getTime()
}
