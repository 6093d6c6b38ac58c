import StoreSetting from '../models/store_setting.js'
import { localTenantCache } from './local_tenant_cache.js'
import { settingsKey } from './tenant_directory.js'
import { currentTenant, inUnitOfWork } from './tenant_context.js'

export interface StoreSettings {
  readonly theme: string
  readonly accentColor: string
  readonly tagline: string
  readonly highlights: readonly string[]
  /** Whether the merchant has saved the settings page at least once */
  readonly confirmed: boolean
}

/**
 * The current store's look and words, as plain values for other modules'
 * pages. Every storefront page asks, so this process keeps a copy beside
 * the tenant directory's and drops it with the tenant's entries whenever
 * the store changes (`tenantDirectory.forgetTenant`, in every process).
 */
export function currentStoreSettings(): Promise<StoreSettings> {
  return localTenantCache.remember(settingsKey(currentTenant().id), async () => {
    const settings = await inUnitOfWork(() => StoreSetting.query().firstOrFail())
    return Object.freeze({
      theme: settings.theme,
      accentColor: settings.accentColor,
      tagline: settings.tagline,
      highlights: Object.freeze([...settings.highlights]),
      confirmed: settings.confirmedAt !== null,
    })
  })
}
