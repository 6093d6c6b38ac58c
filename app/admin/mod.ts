import { defineModule } from '#core/mod'
import adminRoutes from './routes.js'

/**
 * Platform operators' pages and commands. Nothing depends on this module.
 */
export const adminModule = defineModule({
  name: 'admin',
  dependsOn: ['core', 'tenancy', 'identity', 'billing'],
  tables: [],
  middleware: {
    platformAdmin: () => import('./middleware/platform_admin_middleware.js'),
  },
  routes: adminRoutes,
  navigation: {
    admin: [
      { key: 'stores', route: 'admin.tenants.index' },
      { key: 'webhook_events', route: 'admin.webhook_events.index', icon: 'inbox' },
    ],
  },
  commands: [
    () => import('./commands/tenant_create.js'),
    () => import('./commands/tenant_list.js'),
    () => import('./commands/tenant_suspend.js'),
    () => import('./commands/tenant_resume.js'),
    () => import('./commands/tenant_delete.js'),
    () => import('./commands/user_make_admin.js'),
    () => import('./commands/token_create.js'),
  ],
})
