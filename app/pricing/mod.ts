import { defineModule } from '#core/mod'
import { unbuiltDashboardSection } from '#identity/mod'

/** Pricing: competitors, the optimizer, decisions and approvals. Not built yet. */
export const pricingModule = defineModule({
  name: 'pricing',
  dependsOn: ['core', 'identity'],
  tables: [],
  permissions: { 'pricing:manage': ['owner', 'admin'] },
  ...unbuiltDashboardSection('pricing', 'pricing:manage'),
})
