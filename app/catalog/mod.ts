import { defineModule } from '#core/mod'
import { ROLES, unbuiltDashboardSection } from '#identity/mod'

/** Catalog: categories, products, variants, stock, media. Not built yet. */
export const catalogModule = defineModule({
  name: 'catalog',
  dependsOn: ['core', 'identity'],
  tables: [],
  permissions: {
    'catalog:read': ROLES,
    'catalog:write': ['owner', 'admin', 'member'],
  },
  tokenAbilities: { 'catalog:read': 'catalog:read', 'catalog:write': 'catalog:write' },
  ...unbuiltDashboardSection('catalog', 'catalog:read'),
})
