import type { RouteKit } from '#core/mod'
import { sameSiteOnly } from './middleware/same_site_only.js'

const CartDiscounts = () => import('./controllers/cart_discounts_controller.js')
const DiscountCodes = () => import('./controllers/discount_codes_controller.js')

/**
 * Discount codes: the shopper enters one on the cart or checkout page (or
 * takes it out), and the store's codes are kept in the dashboard beside
 * its orders, seen by every member (`orders:read`) and changed by those who
 * work the orders (`orders:write`).
 */
export default function discountRoutes({ router, middleware, web }: RouteKit) {
  router
    .group(() => {
      router.post('/cart/discount', [CartDiscounts, 'store']).as('cart_discount.store')
      router.delete('/cart/discount', [CartDiscounts, 'destroy']).as('cart_discount.destroy')
    })
    .prefix('/s/:store')
    .as('storefront')
    .use([middleware.storefront(), middleware.privateResponse(), sameSiteOnly])

  const permitted = (permission: string, routes: () => void) =>
    router.group(routes).use(middleware.permits(permission))
  router
    .group(() => {
      permitted('orders:read', () => {
        router.get('/', [DiscountCodes, 'index']).as('discount_codes.index')
      })
      permitted('orders:write', () => {
        router.get('/create', [DiscountCodes, 'create']).as('discount_codes.create')
        router.post('/', [DiscountCodes, 'store']).as('discount_codes.store')
        router.get('/:id/edit', [DiscountCodes, 'edit']).as('discount_codes.edit')
        router.put('/:id', [DiscountCodes, 'update']).as('discount_codes.update')
        router.delete('/:id', [DiscountCodes, 'destroy']).as('discount_codes.destroy')
      })
    })
    .where('id', router.matchers.uuid())
    .prefix('/dashboard/orders/discounts')
    .use([...web(), middleware.dashboard()])
}
