import { Job } from '@rlanz/bull-queue'
import { withTenant, type TenantSnapshot } from './tenant_context.js'
import { tenantDirectory } from './tenant_directory.js'

export interface TenantJobPayload {
  tenantId: string
}

/**
 * A queue job that carries its tenant and runs as that tenant, in one
 * transaction under row-level security, like a request does. A job whose
 * store has since been deleted has nothing left to do.
 */
export abstract class TenantJob<Payload extends TenantJobPayload> extends Job {
  abstract handleForTenant(payload: Payload, tenant: TenantSnapshot): Promise<void>

  async handle(payload: Payload) {
    const tenant = await tenantDirectory.findById(payload.tenantId)
    if (!tenant) return
    await withTenant(tenant, () => this.handleForTenant(payload, tenant))
  }

  async rescue(payload: Payload, error: Error) {
    this.logger.error({ err: error, tenantId: payload.tenantId }, 'tenant job gave up')
  }
}
