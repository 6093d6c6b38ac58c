import { ROLES, unbuiltModule } from '#identity/mod'

/** Catalog: categories, products, variants, stock, media. Not built yet. */
export const catalogModule = unbuiltModule({
  name: 'catalog',
  section: ['catalog', 'catalog:read'],
  permissions: { 'catalog:read': ROLES, 'catalog:write': ['owner', 'admin', 'member'] },
  tokenAbilities: { 'catalog:read': 'catalog:read', 'catalog:write': 'catalog:write' },
})
