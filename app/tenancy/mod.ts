import './types.js'

export { default as Tenant } from './models/tenant.js'
export { default as StoreSetting } from './models/store_setting.js'
export { TenantScoped } from './models/tenant_scoped.js'
export {
  withTenant,
  asUser,
  currentTenant,
  currentClient,
  MissingTenantContext,
} from './services/tenant_context.js'
export type { TenantSnapshot } from './services/tenant_context.js'
export { tenantDirectory } from './services/tenant_directory.js'
export {
  establishTenant,
  suspendTenant,
  resumeTenant,
  deleteTenant,
  newTenantRules,
} from './services/tenant_lifecycle.js'
export type { NewTenant } from './services/tenant_lifecycle.js'
export { recordActivity, recentActivity } from './services/activity_log.js'
export type { ActivityEntry } from './services/activity_log.js'
export { BLUEPRINTS, BLUEPRINT_NAMES, DEFAULT_BLUEPRINT } from './services/blueprints.js'
export { SLUG_PATTERN, isReservedSlug } from './services/slugs.js'

export const middleware = {
  storeHost: () => import('./middleware/store_host_middleware.js'),
  storefront: () => import('./middleware/storefront_tenant_middleware.js'),
}
export { TenantJob } from './jobs/tenant_job.js'
export type { TenantJobPayload } from './jobs/tenant_job.js'
