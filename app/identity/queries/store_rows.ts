import type { LucidModel } from '@adonisjs/lucid/types/model'

/**
 * A row of one store in a table read by token before the store is known
 * (invitations, api_tokens: outside row-level security, so every other read
 * names the store), locked with `SELECT … FOR UPDATE` until the unit of work
 * ends: whoever changes it next waits and then sees the change.
 */
export function lockStoreRow<Model extends LucidModel>(model: Model, tenantId: string, id: string) {
  return model.query().where('tenant_id', tenantId).where('id', id).forUpdate().first()
}
