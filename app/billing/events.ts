import type { SubscriptionStatus } from './services/subscription_state.js'

/**
 * What happens to a store's subscription, for any module to react to (the
 * write gate, caps, the activity log). Emitted inside the store's unit of
 * work, so a listener's writes commit or roll back with the change.
 */
export interface SubscriptionChanged {
  tenantId: string
  planCode: string
  status: SubscriptionStatus
  previousPlanCode: string | null
  previousStatus: SubscriptionStatus | null
  /** Who changed it: a Stripe event, an operator's command, or the store's provisioning */
  source: 'stripe' | 'operator' | 'provisioning'
  /** The Stripe event that caused it, when Stripe did: one change per event */
  trigger?: string
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'billing:subscription_changed': SubscriptionChanged
  }
}
