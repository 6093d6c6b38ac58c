import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import Tenant from '../models/tenant.js'
import StoreSetting from '../models/store_setting.js'
import { currentTenant, joinAsTenant, type TenantSnapshot } from '../services/tenant_context.js'
import { tenantDirectory } from '../services/tenant_directory.js'
import { deleteLogoFiles } from '../services/store_logo.js'
import { storeSettingsValuesOf } from './update_store_settings.js'

export interface UpdateStoreLogoResult {
  store: TenantSnapshot
  /** False when the store already had that logo (or had none to remove): nothing was written */
  changed: boolean
}

export interface UpdateStoreLogoInput {
  actorUserId: string | null
  /** The hash of logo files already written (`writeLogoFiles`); null removes the logo */
  logo: string | null
}

/**
 * Puts up or takes down the current store's logo, on the settings page
 * beside the other settings, so it emits the same `store:settings_updated`
 * (changed: logo) and the shop's kept pages and every process's copy of
 * the settings are dropped the same way. The files of the logo it replaces
 * are deleted once the change has committed: until then pages still show it.
 */
export default class UpdateStoreLogo {
  async handle(input: UpdateStoreLogoInput): Promise<UpdateStoreLogoResult> {
    const { id } = currentTenant()
    let replaced: string | null = null
    const snapshot = await db.transaction(async (trx) => {
      const tenant = await Tenant.query({ client: trx }).where('id', id).forUpdate().first()
      if (!tenant) throw new NotFound('This store no longer exists')
      const store = tenant.toSnapshot()
      await joinAsTenant(trx, store, async () => {
        const settings = await StoreSetting.query().forUpdate().firstOrFail()
        replaced = settings.logoHash
        if (replaced === input.logo) return
        settings.logoHash = input.logo
        await settings.save()
        await emitter.emit('store:settings_updated', {
          tenantId: store.id,
          slug: store.slug,
          name: store.name,
          actorUserId: input.actorUserId,
          values: storeSettingsValuesOf(tenant, settings),
          changed: ['logo'],
        })
      })
      return store
    })
    if (replaced === input.logo) return { store: snapshot, changed: false }
    await tenantDirectory.forgetTenant(snapshot)
    if (replaced) await deleteLogoFiles(id, replaced)
    return { store: snapshot, changed: true }
  }
}
