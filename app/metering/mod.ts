import { unbuiltModule } from '#identity/mod'

/** Metering: usage events, rollups, rating, invoices. Not built yet. */
export const meteringModule = unbuiltModule({
  name: 'metering',
  section: ['usage', 'usage:read'],
  permissions: { 'usage:read': ['owner', 'admin', 'finance'] },
  tokenAbilities: { 'usage:read': 'usage:read' },
})
