import { defineModule, type RouteKit } from '#core/mod'
import { ROLES } from '#identity/mod'
import storefrontRoutes, { unknownStorePageRoute } from './routes.js'
import shoppingRoutes from './shopping_routes.js'
import discountRoutes from './discount_routes.js'
import './events.js'
import './discount_events.js'
import { salesOverview } from './services/sales_overview.js'

export { seedDemoOrders } from './services/orders_demo.js'

const OrderActivity = () => import('./listeners/record_order_activity.js')
const DiscountActivity = () => import('./listeners/discount_code_activity.js')

/**
 * Storefront: public pages of a store, and buying in it: the cart, the
 * checkout (pay on delivery), orders with their mails, and the store's
 * orders in the dashboard.
 */
export const storefrontModule = defineModule({
  name: 'storefront',
  dependsOn: ['core', 'tenancy', 'identity', 'catalog'],
  tables: [
    'storefront_settings',
    'order_counters',
    'orders',
    'order_lines',
    'discount_codes',
    'discount_redemptions',
  ],
  permissions: {
    'orders:read': ROLES,
    'orders:write': ['owner', 'admin', 'member'],
  },
  tokenAbilities: { 'orders:read': 'orders:read', 'orders:write': 'orders:write' },
  navigation: {
    dashboard: [{ key: 'orders', route: 'orders.index', can: 'orders:read' }],
  },
  routes(kit: RouteKit) {
    storefrontRoutes(kit)
    shoppingRoutes(kit)
    discountRoutes(kit)
    unknownStorePageRoute(kit)
  },
  overviewPanels: [
    {
      id: 'sales',
      view: 'orders/overview_sales',
      can: 'orders:read',
      order: 10,
      load: salesOverview,
    },
  ],
  listeners: {
    'storefront:order_placed': [[OrderActivity, 'placed']],
    'storefront:order_paid': [[OrderActivity, 'paid']],
    'storefront:order_fulfilled': [[OrderActivity, 'fulfilled']],
    'storefront:order_cancelled': [[OrderActivity, 'cancelled']],
    'storefront:order_refunded': [[OrderActivity, 'refunded']],
    'storefront:order_notes_changed': [[OrderActivity, 'notesChanged']],
    'storefront:checkout_settings_changed': [[OrderActivity, 'checkoutSettingsChanged']],
    'storefront:discount_code_created': [[DiscountActivity, 'created']],
    'storefront:discount_code_updated': [[DiscountActivity, 'updated']],
    'storefront:discount_code_deactivated': [[DiscountActivity, 'deactivated']],
  },
})
