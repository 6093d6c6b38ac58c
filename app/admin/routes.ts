import type { RouteKit } from '#core/mod'

const Tenants = () => import('./controllers/tenants_controller.js')
const TenantSuspensions = () => import('./controllers/tenant_suspensions_controller.js')

export default function adminRoutes({ router, middleware, web }: RouteKit) {
  router
    .group(() => {
      router.get('/', [Tenants, 'index']).as('tenants.index')
      router.post('/tenants', [Tenants, 'store']).as('tenants.store')
      // A store's suspension is a resource of its own: created to suspend, destroyed to resume
      router
        .group(() => {
          router.post('/', [TenantSuspensions, 'store']).as('store')
          router.delete('/', [TenantSuspensions, 'destroy']).as('destroy')
        })
        .prefix('/tenants/:slug/suspension')
        .as('suspensions')
    })
    .prefix('/admin')
    .as('admin')
    .use([...web(), middleware.platformAdmin()])
}
