import type { DateTime } from 'luxon'
import type { SubscriptionStatus } from './subscription_state.js'

export interface GateSubject {
  status: SubscriptionStatus
  currentPeriodEnd: DateTime | null
}

/** Methods that only read: never gated */
const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Whether a store's writes are paused until it pays: while a payment is
 * overdue or unpaid, and once a canceled subscription's paid period is
 * over (a store that canceled keeps writing until the end of what it paid
 * for). Trials, active and incomplete subscriptions write.
 */
export function writesPaused(subscription: GateSubject, now: DateTime): boolean {
  switch (subscription.status) {
    case 'past_due':
    case 'unpaid':
      return true
    case 'canceled':
      return subscription.currentPeriodEnd === null || subscription.currentPeriodEnd <= now
    default:
      return false
  }
}

/** Route names the gate lets through: billing's own pages, where the store settles up */
export function exemptFromGate(routeName: string | undefined): boolean {
  return routeName !== undefined && routeName.startsWith('billing.')
}

/** Whether the gate looks at a request at all: a write, on a route that is not exempt */
export function gateApplies(method: string, routeName: string | undefined): boolean {
  return !READS.has(method.toUpperCase()) && !exemptFromGate(routeName)
}

/** Whether a request is refused: a write, on a route that is not exempt, of a paused store */
export function gateRefuses(
  method: string,
  routeName: string | undefined,
  subscription: GateSubject | null,
  now: DateTime
): boolean {
  return gateApplies(method, routeName) && subscription !== null && writesPaused(subscription, now)
}
