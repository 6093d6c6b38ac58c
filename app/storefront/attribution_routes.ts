import type { RouteKit } from '#core/mod'

const Attributions = () => import('./controllers/attributions_controller.js')
const AttributionExports = () => import('./controllers/attribution_exports_controller.js')

/** The attribution report in the dashboard, and its CSV export */
export default function attributionRoutes({ router, middleware, web }: RouteKit) {
  router
    .group(() => {
      router.get('/', [Attributions, 'show']).as('attribution.show')
      router.get('/export', [AttributionExports, 'show']).as('attribution_export.show')
    })
    .prefix('/dashboard/analytics/attribution')
    .use([...web(), middleware.dashboard(), middleware.permits('analytics:read')])
}
