import { defineModule } from '#core/mod'
import { unbuiltModule } from '#identity/mod'

/** Billing: plans, limits, subscriptions, Stripe. Not built yet. */
export const billingModule = defineModule({
  ...unbuiltModule({
    name: 'billing',
    section: ['billing', 'billing:manage'],
    permissions: { 'billing:manage': ['owner', 'finance'] },
  }),
  setupSteps: [
    {
      id: 'connect-payments',
      label: 'dashboard.setup.steps.payments',
      link: 'billing.index',
      can: 'billing:manage',
      note: 'dashboard.setup.arrives_with_billing',
      order: 40,
      // Payments cannot be connected until billing is built: never ticked
      isDone: async () => false,
    },
  ],
})
