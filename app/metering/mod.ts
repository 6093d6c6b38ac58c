import { defineModule } from '#core/mod'
import { unbuiltDashboardSection } from '#identity/mod'

/** Metering: usage events, rollups, rating, invoices. Not built yet. */
export const meteringModule = defineModule({
  name: 'metering',
  dependsOn: ['core', 'identity'],
  tables: [],
  permissions: { 'usage:read': ['owner', 'admin', 'finance'] },
  tokenAbilities: { 'usage:read': 'usage:read' },
  ...unbuiltDashboardSection('usage', 'usage:read'),
})
