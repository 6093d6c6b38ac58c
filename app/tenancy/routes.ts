import type { RouteKit } from '#core/mod'

const StoreSettings = () => import('./controllers/store_settings_controller.js')

/**
 * The store's own settings, in the dashboard shell: behind the platform's
 * web stack, the dashboard (signed in, the member's current store as the
 * unit of work, writes refused while suspended) and the `store:manage`
 * permission, the same chain identity's dashboard routes run behind.
 */
export default function tenancyRoutes({ router, middleware, web }: RouteKit) {
  router
    .group(() => {
      router.get('/settings', [StoreSettings, 'edit']).as('store_settings.edit')
      router.put('/settings', [StoreSettings, 'update']).as('store_settings.update')
    })
    .prefix('/dashboard')
    .use([...web(), middleware.dashboard(), middleware.permits('store:manage')])
}
