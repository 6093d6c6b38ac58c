import StoreSetting from '../models/store_setting.js'
import { logoUrls } from './store_logo.js'
import { localTenantCache } from './local_tenant_cache.js'
import { settingsKey } from './tenant_directory.js'
import { currentTenant, currentUnitOfWork, inUnitOfWork } from './tenant_context.js'

export interface StoreSettings {
  readonly theme: string
  readonly accentColor: string
  readonly tagline: string
  readonly highlights: readonly string[]
  /** The logo's content hash, and its addresses for the shop's header; null without a logo */
  readonly logo: string | null
  readonly logoUrl: string | null
  readonly logoSrcset: string | null
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
  const { id } = currentTenant()
  return localTenantCache.remember(settingsKey(id), async () => {
    const settings = await inUnitOfWork(() => StoreSetting.query().firstOrFail())
    const logo = settings.logoHash ? await logoUrls(id, settings.logoHash) : null
    return Object.freeze({
      theme: settings.theme,
      accentColor: settings.accentColor,
      tagline: settings.tagline,
      highlights: Object.freeze([...settings.highlights]),
      logo: settings.logoHash,
      logoUrl: logo?.url ?? null,
      logoSrcset: logo?.srcset ?? null,
      confirmed: settings.confirmedAt !== null,
    })
  })
}

/**
 * The current store's logo for the shop's header, or null: shared with
 * every storefront view, so each page's layout finds it without the page
 * passing it along. Outside the store's context (the page of a suspended
 * store, rendered before it opens) there is none: the initial shows.
 */
export async function storeLogo() {
  if (!currentUnitOfWork()?.tenant) return null
  const { logoUrl, logoSrcset } = await currentStoreSettings()
  return logoUrl ? { url: logoUrl, srcset: logoSrcset } : null
}
