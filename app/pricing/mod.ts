import { unbuiltModule } from '#identity/mod'

/** Pricing: competitors, the optimizer, decisions and approvals. Not built yet. */
export const pricingModule = unbuiltModule({
  name: 'pricing',
  section: ['pricing', 'pricing:manage'],
  permissions: { 'pricing:manage': ['owner', 'admin'] },
})
