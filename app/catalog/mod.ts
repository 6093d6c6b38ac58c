import { defineModule } from '#core/mod'
import { ROLES, unbuiltModule } from '#identity/mod'

/** Catalog: categories, products, variants, stock, media. Not built yet. */
export const catalogModule = defineModule({
  ...unbuiltModule({
    name: 'catalog',
    section: ['catalog', 'catalog:read'],
    permissions: { 'catalog:read': ROLES, 'catalog:write': ['owner', 'admin', 'member'] },
    tokenAbilities: { 'catalog:read': 'catalog:read', 'catalog:write': 'catalog:write' },
  }),
  setupSteps: [
    {
      id: 'add-product',
      label: 'dashboard.setup.steps.product',
      link: 'catalog.index',
      can: 'catalog:read',
      note: 'dashboard.setup.arrives_with_catalog',
      order: 10,
      // No products exist until the catalog is built: never ticked
      isDone: async () => false,
    },
  ],
})
