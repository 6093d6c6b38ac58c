import { unbuiltModule } from '#identity/mod'

/** Billing: plans, limits, subscriptions, Stripe. Not built yet. */
export const billingModule = unbuiltModule({
  name: 'billing',
  section: ['billing', 'billing:manage'],
  permissions: { 'billing:manage': ['owner', 'finance'] },
})
