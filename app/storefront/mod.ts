import { defineModule, type RouteKit } from '#core/mod'
import { ROLES } from '#identity/mod'
import storefrontRoutes, { storePreviewRoute, unknownStorePageRoute } from './routes.js'
import shoppingRoutes from './shopping_routes.js'
import discountRoutes from './discount_routes.js'
import attributionRoutes from './attribution_routes.js'
import cardPaymentRoutes from './card_payment_routes.js'
import orderApiRoutes from './order_api_routes.js'
import { scheduleVisitFlush } from './services/visits_schedule.js'
import './events.js'
import './discount_events.js'
import './card_payment_events.js'
import { salesOverview } from './services/sales_overview.js'

export { seedDemoOrders } from './services/orders_demo.js'
export { seedDemoVisits } from './services/visits_demo.js'

const OrderActivity = () => import('./listeners/record_order_activity.js')
const DiscountActivity = () => import('./listeners/discount_code_activity.js')
const AttributeOrder = () => import('./listeners/attribute_order.js')
const RefreshPages = () => import('./listeners/refresh_store_pages.js')
const CardPaymentActivity = () => import('./listeners/card_payment_activity.js')

/**
 * Storefront: public pages of a store, and buying in it: the cart, the
 * checkout (pay on delivery), orders with their mails, and the store's
 * orders in the dashboard.
 */
export const storefrontModule = defineModule({
  name: 'storefront',
  dependsOn: ['core', 'tenancy', 'identity', 'catalog', 'billing'],
  tables: [
    'storefront_settings',
    'order_counters',
    'orders',
    'order_lines',
    'discount_codes',
    'discount_redemptions',
    'visits',
    'store_card_payments',
  ],
  routerMiddleware: [() => import('./middleware/record_visit_middleware.js')],
  jobs: [() => import('./jobs/flush_visits_job.js')],
  boot: scheduleVisitFlush,
  permissions: {
    'orders:read': ROLES,
    'orders:write': ['owner', 'admin', 'member'],
    'analytics:read': ['owner', 'admin', 'finance'],
  },
  tokenAbilities: { 'orders:read': 'orders:read', 'orders:write': 'orders:write' },
  navigation: {
    dashboard: [
      { key: 'orders', route: 'orders.index', can: 'orders:read' },
      { key: 'attribution', route: 'attribution.show', can: 'analytics:read' },
    ],
  },
  routes(kit: RouteKit) {
    storefrontRoutes(kit)
    shoppingRoutes(kit)
    discountRoutes(kit)
    attributionRoutes(kit)
    cardPaymentRoutes(kit)
    orderApiRoutes(kit)
    storePreviewRoute(kit)
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
    // Everything a browse page shows: its kept copies get a new version once the change commits
    'catalog:product_created': [[RefreshPages, 'handle']],
    'catalog:product_updated': [[RefreshPages, 'handle']],
    'catalog:product_deleted': [[RefreshPages, 'handle']],
    'catalog:price_changed': [[RefreshPages, 'handle']],
    'catalog:stock_changed': [[RefreshPages, 'handle']],
    'catalog:category_changed': [[RefreshPages, 'handle']],
    'catalog:products_imported': [[RefreshPages, 'handle']],
    'store:settings_updated': [[RefreshPages, 'handle']],
    'store:resumed': [[RefreshPages, 'handle']],
    'storefront:order_placed': [
      [OrderActivity, 'placed'],
      [AttributeOrder, 'placed'],
    ],
    'storefront:order_paid': [[OrderActivity, 'paid']],
    'storefront:order_fulfilled': [[OrderActivity, 'fulfilled']],
    'storefront:order_cancelled': [[OrderActivity, 'cancelled']],
    'storefront:order_refunded': [[OrderActivity, 'refunded']],
    'storefront:order_notes_changed': [[OrderActivity, 'notesChanged']],
    'storefront:checkout_settings_changed': [
      [OrderActivity, 'checkoutSettingsChanged'],
      [RefreshPages, 'handle'],
    ],
    'storefront:discount_code_created': [[DiscountActivity, 'created']],
    'storefront:discount_code_updated': [[DiscountActivity, 'updated']],
    'storefront:discount_code_deactivated': [[DiscountActivity, 'deactivated']],
    'storefront:card_payments_changed': [[CardPaymentActivity, 'changed']],
    'storefront:card_payment_refused': [[CardPaymentActivity, 'refused']],
  },
})
