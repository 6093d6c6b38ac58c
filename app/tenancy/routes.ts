import type { RouteKit } from '#core/mod'

const StoreSettings = () => import('./controllers/store_settings_controller.js')
const StoreLogos = () => import('./controllers/store_logos_controller.js')

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
      // A file, read by the controller itself (config/bodyparser.ts lists the route)
      router.post('/settings/logo', [StoreLogos, 'store']).as('store_logo.store')
      router.delete('/settings/logo', [StoreLogos, 'destroy']).as('store_logo.destroy')
    })
    .prefix('/dashboard')
    .use([...web(), middleware.dashboard(), middleware.permits('store:manage')])

  // Public and named by their content, like product images: any page of the shop shows them
  router
    .get('/store-logos/:tenantId/:name', [StoreLogos, 'show'])
    .as('store_logos.show')
    .where('tenantId', router.matchers.uuid())
}
