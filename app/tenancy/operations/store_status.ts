import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import { NotFound, clock } from '#core/mod'
import Tenant from '../models/tenant.js'
import { joinAsTenant, type TenantSnapshot } from '../services/tenant_context.js'
import { tenantDirectory } from '../services/tenant_directory.js'

type StoreChange = 'store:suspended' | 'store:resumed' | 'store:deleted'

/**
 * Locks the store's row, applies `change` and emits `event` as that store in
 * the same transaction; the host cache forgets the store only once the
 * change has committed, so no request re-caches the old state.
 */
export async function changeStore(
  slug: string,
  event: StoreChange,
  change: (tenant: Tenant) => Promise<void>
): Promise<TenantSnapshot> {
  const snapshot = await db.transaction(async (trx) => {
    const tenant = await Tenant.query({ client: trx }).where('slug', slug).forUpdate().first()
    if (!tenant) throw new NotFound(`No store with the address "${slug}"`)
    const before = tenant.toSnapshot()
    await change(tenant)
    await joinAsTenant(trx, before, () =>
      emitter.emit(event, { tenantId: before.id, slug: before.slug, name: before.name })
    )
    return { ...before, status: tenant.status }
  })
  await tenantDirectory.forgetTenant(snapshot)
  return snapshot
}

export class SuspendStore {
  handle(slug: string) {
    return changeStore(slug, 'store:suspended', async (tenant) => {
      tenant.merge({ status: 'suspended', suspendedAt: clock.now() })
      await tenant.save()
    })
  }
}

export class ResumeStore {
  handle(slug: string) {
    return changeStore(slug, 'store:resumed', async (tenant) => {
      tenant.merge({ status: 'active', suspendedAt: null })
      await tenant.save()
    })
  }
}

/**
 * Deletes the store and, through foreign keys, everything it owns.
 */
export class DeleteStore {
  handle(slug: string) {
    return changeStore(slug, 'store:deleted', (tenant) => tenant.delete())
  }
}
