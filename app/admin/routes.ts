import type { RouteKit } from '#core/mod'

const Tenants = () => import('./controllers/tenants_controller.js')
const TenantSuspensions = () => import('./controllers/tenant_suspensions_controller.js')
const WebhookEvents = () => import('./controllers/webhook_events_controller.js')
const WebhookEventReplays = () => import('./controllers/webhook_event_replays_controller.js')

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
      // Billing's webhook ledger; replaying an event creates a replay
      router.get('/webhook-events', [WebhookEvents, 'index']).as('webhook_events.index')
      router.get('/webhook-events/:id', [WebhookEvents, 'show']).as('webhook_events.show')
      router
        .post('/webhook-events/:id/replays', [WebhookEventReplays, 'store'])
        .as('webhook_event_replays.store')
    })
    .prefix('/admin')
    .as('admin')
    .use([...web(), middleware.platformAdmin()])
}
