import { defineModule } from '#core/mod'
import { unbuiltDashboardSection } from '#identity/mod'

/** Billing: plans, limits, subscriptions, Stripe. Not built yet. */
export const billingModule = defineModule({
  name: 'billing',
  dependsOn: ['core', 'identity'],
  tables: [],
  permissions: { 'billing:manage': ['owner', 'finance'] },
  ...unbuiltDashboardSection('billing', 'billing:manage'),
})
