import type { RouteKit } from '#core/mod'

const ApiOrders = () => import('./controllers/api/orders_controller.js')
const ApiOrderStatuses = () => import('./controllers/api/order_statuses_controller.js')
const ApiOrderNotes = () => import('./controllers/api/order_notes_controller.js')

/**
 * The store's orders for integrations, on API tokens: read with
 * `orders:read`, moved along their flow and annotated with `orders:write`,
 * by the same operations as the dashboard's order page.
 */
export default function orderApiRoutes({ router, middleware }: RouteKit) {
  const reading = middleware.apiToken('orders:read')
  const writing = middleware.apiToken('orders:write')
  router
    .group(() => {
      router.get('/orders', [ApiOrders, 'index']).as('orders.index').use(reading)
      router.get('/orders/:id', [ApiOrders, 'show']).as('orders.show').use(reading)
      router
        .put('/orders/:id/status', [ApiOrderStatuses, 'update'])
        .as('order_statuses.update')
        .use(writing)
      router
        .put('/orders/:id/notes', [ApiOrderNotes, 'update'])
        .as('order_notes.update')
        .use(writing)
    })
    .where('id', router.matchers.uuid())
    .prefix('/api/v1')
    .as('api')
}
