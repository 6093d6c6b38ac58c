import type { DateTime } from 'luxon'
import { writesPaused, type GateSubject } from './write_gate.js'

/** How long before a trial's end the dashboard starts saying so (Stripe's own reminder: 3 days) */
export const TRIAL_ENDING_WINDOW_DAYS = 3

export type BillingBanner =
  { kind: 'payment_failed' } | { kind: 'writes_paused' } | { kind: 'trial_ending'; days: number }

/**
 * What the dashboard's banner says about billing, the same things the
 * billing mails say, for as long as they hold: a payment failed (writes are
 * paused until it is fixed), writes are paused for another reason, or the
 * trial ends within three days. Null when there is nothing to say.
 */
export function billingBanner(
  subscription: GateSubject & { trialEndsAt: DateTime | null },
  now: DateTime
): BillingBanner | null {
  if (writesPaused(subscription, now)) {
    return { kind: subscription.status === 'past_due' ? 'payment_failed' : 'writes_paused' }
  }
  const end = subscription.trialEndsAt
  if (subscription.status !== 'trialing' || !end || end <= now) return null
  const left = end.diff(now, 'days').days
  if (left > TRIAL_ENDING_WINDOW_DAYS) return null
  return { kind: 'trial_ending', days: Math.max(0, Math.ceil(left)) }
}
