import { defineModule, type RouteKit } from '#core/mod'
import { ROLES, unbuiltDashboardSection } from '#identity/mod'
import storefrontRoutes from './routes.js'

const ordersSection = unbuiltDashboardSection('orders', 'orders:read')

/**
 * Storefront: public pages of a store. Carts, checkout, orders and shopper
 * emails are not built yet; the home page is.
 */
export const storefrontModule = defineModule({
  name: 'storefront',
  dependsOn: ['core', 'tenancy', 'identity'],
  tables: [],
  permissions: {
    'orders:read': ROLES,
    'orders:write': ['owner', 'admin', 'member'],
  },
  tokenAbilities: { 'orders:read': 'orders:read', 'orders:write': 'orders:write' },
  navigation: ordersSection.navigation,
  routes(kit: RouteKit) {
    ordersSection.routes(kit)
    storefrontRoutes(kit)
  },
})
