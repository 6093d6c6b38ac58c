import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import { NotFound, clock } from '#core/mod'
import Tenant from '../models/tenant.js'
import StoreSetting from '../models/store_setting.js'
import type { StoreSettingsValues } from '../events.js'
import { currentTenant, joinAsTenant, type TenantSnapshot } from '../services/tenant_context.js'
import { tenantDirectory } from '../services/tenant_directory.js'
import { currentStoreSettings } from '../services/store_settings.js'

export interface UpdateStoreSettingsInput extends Omit<
  StoreSettingsValues,
  'theme' | 'accentColor' | 'logo'
> {
  /** The member who saved the page; null for an operator */
  actorUserId: string | null
  /** Absent: the saved look stays (callers that only set the store's words) */
  theme?: string
  accentColor?: string
}

/**
 * Saves the current store's settings page: its name, default currency and
 * language (on `tenants`) and its tagline, theme and accent (on
 * `store_settings`), and marks the settings confirmed. One transaction that
 * locks the store's row, as the other changes to a store do, and emits
 * `store:settings_updated` as that store; every process's tenant directory
 * forgets the store only once the change has committed, so no request
 * caches the old currency or look again.
 */
export default class UpdateStoreSettings {
  async handle(input: UpdateStoreSettingsInput): Promise<TenantSnapshot> {
    const { id } = currentTenant()
    const snapshot = await db.transaction(async (trx) => {
      const tenant = await Tenant.query({ client: trx }).where('id', id).forUpdate().first()
      if (!tenant) throw new NotFound('This store no longer exists')
      const before = {
        name: tenant.name,
        defaultCurrency: tenant.defaultCurrency,
        defaultLocale: tenant.defaultLocale,
      }
      tenant.merge({
        name: input.storeName,
        defaultCurrency: input.defaultCurrency,
        defaultLocale: input.defaultLocale,
      })
      await tenant.save()
      const after = tenant.toSnapshot()

      await joinAsTenant(trx, after, async () => {
        const settings = await StoreSetting.query().forUpdate().firstOrFail()
        const values: StoreSettingsValues = {
          storeName: input.storeName,
          defaultCurrency: input.defaultCurrency,
          defaultLocale: input.defaultLocale,
          tagline: input.tagline,
          theme: input.theme ?? settings.theme,
          accentColor: input.accentColor ?? settings.accentColor,
          logo: settings.logoHash,
        }
        const was = storeSettingsValuesOf(before, settings)
        const changed = (Object.keys(values) as (keyof StoreSettingsValues)[]).filter(
          (key) => was[key] !== values[key]
        )
        settings.merge({
          tagline: values.tagline,
          theme: values.theme,
          accentColor: values.accentColor,
          confirmedAt: clock.now(),
        })
        await settings.save()
        await emitter.emit('store:settings_updated', {
          tenantId: after.id,
          slug: after.slug,
          name: after.name,
          actorUserId: input.actorUserId,
          values,
          changed,
        })
      })
      return after
    })
    await tenantDirectory.forgetTenant(snapshot)
    return snapshot
  }
}

/** What the settings page shows for a store, from its row and its settings row */
export function storeSettingsValuesOf(
  store: Pick<Tenant, 'name' | 'defaultCurrency' | 'defaultLocale'>,
  settings: StoreSetting
): StoreSettingsValues {
  return {
    storeName: store.name,
    defaultCurrency: store.defaultCurrency,
    defaultLocale: store.defaultLocale,
    tagline: settings.tagline,
    theme: settings.theme,
    accentColor: settings.accentColor,
    logo: settings.logoHash,
  }
}

/**
 * Whether the merchant has saved the settings page at least once (current
 * store), from this process's copy: a save drops it in every process.
 */
export async function storeSettingsConfirmed() {
  const settings = await currentStoreSettings()
  return settings.confirmed
}
