import type { RouteKit } from './services/module_manifest.js'

const Health = () => import('./controllers/health_controller.js')

export default function coreRoutes({ router }: RouteKit) {
  router.get('/health', [Health, 'live']).as('health.live')
  router.get('/ready', [Health, 'ready']).as('health.ready')
}
