import './types.js'
import './events.js'
import { defineModule } from '#core/mod'
import { installContextAwareAdapter } from './services/context_aware_adapter.js'
import { storeSettingsConfirmed } from './operations/update_store_settings.js'
import tenancyRoutes from './routes.js'

export { TenantScoped } from './models/tenant_scoped.js'
export {
  withTenant,
  withTenantOnDemand,
  inUnitOfWork,
  onceInUnitOfWork,
  afterCommit,
  asUser,
  asUserInTenant,
  currentTenant,
  currentClient,
  MissingTenantContext,
} from './services/tenant_context.js'
export type { TenantSnapshot } from './services/tenant_context.js'
export { readAsTenant } from './services/single_read.js'
export type { ReadBinding } from './services/single_read.js'
export type { StoreEvent, StoreSettingsValues } from './events.js'
export { tenantDirectory } from './services/tenant_directory.js'
export { establishTenant, newTenantRules } from './services/tenant_lifecycle.js'
export type { NewTenant } from './services/tenant_lifecycle.js'
export { SuspendStore, ResumeStore, DeleteStore } from './operations/store_status.js'
export { default as UpdateStoreSettings } from './operations/update_store_settings.js'
export type { UpdateStoreSettingsInput } from './operations/update_store_settings.js'
export { storesByIds, allStoresForPlatformAdmin } from './services/store_directory.js'
export type { StoreOverview } from './services/store_directory.js'
export { currentStoreSettings, storeLogo } from './services/store_settings.js'
export { STORE_THEMES, ACCENT_PALETTE, ACCENT_COLORS, accentNameOf } from './services/store_look.js'
export { STORE_LOCALES, storePreviewValidator } from './validators/store_settings_validator.js'
export type { StoreSettings } from './services/store_settings.js'
export { recordActivity, recentActivity } from './services/activity_log.js'
export type { ActivityEntry } from './services/activity_log.js'
export { BLUEPRINTS, BLUEPRINT_NAMES, DEFAULT_BLUEPRINT } from './services/blueprints.js'
export { SLUG_PATTERN, isReservedSlug } from './services/slugs.js'
export { TenantJob } from './services/tenant_job.js'
export type { TenantJobPayload } from './services/tenant_job.js'

const StoreActivity = () => import('./listeners/record_store_activity.js')

export const tenancyModule = defineModule({
  name: 'tenancy',
  dependsOn: ['core'],
  tables: ['tenants', 'store_settings', 'activities'],
  serverMiddleware: [() => import('./middleware/store_host_middleware.js')],
  middleware: {
    storefront: () => import('./middleware/storefront_tenant_middleware.js'),
  },
  routes: tenancyRoutes,
  navigation: {
    dashboard: [
      {
        key: 'store_settings',
        route: 'store_settings.edit',
        can: 'store:manage',
        icon: 'settings',
        group: 'settings',
      },
    ],
  },
  permissions: {
    'store:manage': ['owner', 'admin'],
  },
  setupSteps: [
    {
      id: 'store-settings',
      label: 'dashboard.setup.steps.settings',
      link: 'store_settings.edit',
      can: 'store:manage',
      order: 20,
      isDone: storeSettingsConfirmed,
    },
  ],
  listeners: {
    'store:created': [[StoreActivity, 'created']],
    'store:suspended': [[StoreActivity, 'suspended']],
    'store:resumed': [[StoreActivity, 'resumed']],
    'store:settings_updated': [[StoreActivity, 'settingsUpdated']],
  },
  boot: installContextAwareAdapter,
})
