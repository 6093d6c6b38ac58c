import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import { NotFound, clock } from '#core/mod'
import Tenant from '../models/tenant.js'
import StoreSetting from '../models/store_setting.js'
import type { StoreSettingsValues } from '../events.js'
import { currentTenant, joinAsTenant, type TenantSnapshot } from '../services/tenant_context.js'
import { tenantDirectory } from '../services/tenant_directory.js'
import { currentStoreSettings } from '../services/store_settings.js'

export interface UpdateStoreSettingsInput extends StoreSettingsValues {
  /** The member who saved the page; null for an operator */
  actorUserId: string | null
}

/**
 * Saves the current store's settings page: its name, default currency and
 * language (on `tenants`) and its tagline (on `store_settings`), and marks
 * the settings confirmed. One transaction that locks the store's row, as
 * the other changes to a store do, and emits `store:settings_updated` as
 * that store; every process's tenant directory forgets the store only once
 * the change has committed, so no request caches the old currency again.
 */
export default class UpdateStoreSettings {
  async handle(input: UpdateStoreSettingsInput): Promise<TenantSnapshot> {
    const { id } = currentTenant()
    const values: StoreSettingsValues = {
      storeName: input.storeName,
      defaultCurrency: input.defaultCurrency,
      defaultLocale: input.defaultLocale,
      tagline: input.tagline,
    }
    const snapshot = await db.transaction(async (trx) => {
      const tenant = await Tenant.query({ client: trx }).where('id', id).forUpdate().first()
      if (!tenant) throw new NotFound('This store no longer exists')
      const before = {
        storeName: tenant.name,
        defaultCurrency: tenant.defaultCurrency,
        defaultLocale: tenant.defaultLocale,
      }
      tenant.merge({
        name: values.storeName,
        defaultCurrency: values.defaultCurrency,
        defaultLocale: values.defaultLocale,
      })
      await tenant.save()
      const after = tenant.toSnapshot()

      await joinAsTenant(trx, after, async () => {
        const settings = await StoreSetting.query().forUpdate().firstOrFail()
        const changed = (Object.keys(values) as (keyof StoreSettingsValues)[]).filter((key) =>
          key === 'tagline' ? settings.tagline !== values.tagline : before[key] !== values[key]
        )
        settings.merge({ tagline: values.tagline, confirmedAt: clock.now() })
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

/**
 * Whether the merchant has saved the settings page at least once (current
 * store), from this process's copy: a save drops it in every process.
 */
export async function storeSettingsConfirmed() {
  const settings = await currentStoreSettings()
  return settings.confirmed
}
