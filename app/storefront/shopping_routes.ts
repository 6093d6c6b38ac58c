import type { RouteKit } from '#core/mod'
import { sameSiteOnly } from './middleware/same_site_only.js'

const Cart = () => import('./controllers/cart_controller.js')
const CartItems = () => import('./controllers/cart_items_controller.js')
const Checkout = () => import('./controllers/checkout_controller.js')
const OrderConfirmations = () => import('./controllers/order_confirmations_controller.js')
const OrderLookups = () => import('./controllers/order_lookups_controller.js')
const Orders = () => import('./controllers/orders_controller.js')
const OrderStatuses = () => import('./controllers/order_statuses_controller.js')
const OrderNotes = () => import('./controllers/order_notes_controller.js')
const CheckoutSettings = () => import('./controllers/checkout_settings_controller.js')

/**
 * Buying: the shopper's cart, checkout and orders in the store (no session:
 * the cart is a cookie's visitor id, writes are refused from other sites),
 * and the store's orders in the dashboard, read by every member
 * (`orders:read`) and worked by every role but finance (`orders:write`).
 */
export default function shoppingRoutes({ router, middleware, web }: RouteKit) {
  const uuid = router.matchers.uuid()

  router
    .group(() => {
      router.get('/cart', [Cart, 'show']).as('cart.show')
      router.get('/checkout', [Checkout, 'show']).as('checkout.show')
      router.get('/orders/lookup', [OrderLookups, 'create']).as('order_lookups.create')
      router.get('/orders/:id/:key', [OrderConfirmations, 'show']).as('orders.show')
      router
        .group(() => {
          router.post('/cart/items', [CartItems, 'store']).as('cart_items.store')
          router
            .route('/cart/items/:variantId', ['PATCH', 'POST'], [CartItems, 'update'])
            .as('cart_items.update')
          router.delete('/cart/items/:variantId', [CartItems, 'destroy']).as('cart_items.destroy')
          router.post('/checkout', [Checkout, 'store']).as('checkout.store')
          router
            .post('/orders/lookup', [OrderLookups, 'store'])
            .as('order_lookups.store')
            .use(middleware.throttle('orderLookup'))
        })
        .use(sameSiteOnly)
    })
    .where('id', uuid)
    .where('variantId', uuid)
    .prefix('/s/:store')
    .as('storefront')
    .use([middleware.storefront(), middleware.privateResponse()])

  const permitted = (permission: string, routes: () => void) =>
    router.group(routes).use(middleware.permits(permission))
  router
    .group(() => {
      permitted('store:manage', () => {
        router.get('/settings', [CheckoutSettings, 'edit']).as('checkout_settings.edit')
        router.put('/settings', [CheckoutSettings, 'update']).as('checkout_settings.update')
      })
      permitted('orders:read', () => {
        router.get('/', [Orders, 'index']).as('orders.index')
        router.get('/:id', [Orders, 'show']).as('orders.show')
      })
      permitted('orders:write', () => {
        router.put('/:id/status', [OrderStatuses, 'update']).as('order_statuses.update')
        router.put('/:id/notes', [OrderNotes, 'update']).as('order_notes.update')
      })
    })
    .where('id', uuid)
    .prefix('/dashboard/orders')
    .use([...web(), middleware.dashboard()])
}
