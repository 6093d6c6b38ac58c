import type { RouteKit } from '#core/mod'

const Tenants = () => import('./controllers/tenants_controller.js')
const TenantSuspensions = () => import('./controllers/tenant_suspensions_controller.js')

export default function adminRoutes({ router, middleware, web }: RouteKit) {
  router
    .group(() => {
      router.get('/', [Tenants, 'index']).as('tenants.index')
      router.post('/tenants', [Tenants, 'store']).as('tenants.store')
      router.post('/tenants/:slug/suspension', [TenantSuspensions, 'store']).as('suspensions.store')
      router
        .delete('/tenants/:slug/suspension', [TenantSuspensions, 'destroy'])
        .as('suspensions.destroy')
    })
    .prefix('/admin')
    .as('admin')
    .use([...web(), middleware.platformAdmin()])
}
