import { AsyncLocalStorage } from 'node:async_hooks'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Exception } from '@adonisjs/core/exceptions'

export interface TenantSnapshot {
  id: string
  slug: string
  name: string
  status: 'active' | 'suspended'
  defaultCurrency: string
  defaultLocale: string
  blueprint: string
  customDomain: string | null
}

interface UnitOfWork {
  tenant: TenantSnapshot | null
  userId: string | null
  trx: TransactionClientContract
}

export class MissingTenantContext extends Exception {
  static status = 500
  static code = 'E_MISSING_TENANT_CONTEXT'
  constructor(what: string) {
    super(`${what} needs a tenant context; none is set (fail closed, never "all rows")`)
  }
}

const storage = new AsyncLocalStorage<UnitOfWork>()

async function enter<T>(
  trx: TransactionClientContract,
  unitOfWork: { tenant: TenantSnapshot | null; userId: string | null },
  work: () => Promise<T>
): Promise<T> {
  // One round trip for both settings; '' reads as unset (the policies wrap them in NULLIF)
  await trx.rawQuery(
    `select set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)`,
    [unitOfWork.tenant?.id ?? '', unitOfWork.userId ?? '']
  )
  return storage.run({ ...unitOfWork, trx }, work)
}

/**
 * Runs `work` as the tenant: one transaction whose first statement sets
 * `app.tenant_id` transaction-locally, so row-level security sees only this
 * tenant and the setting cannot leak to the next user of the pooled connection.
 * Everything awaited inside (models and `currentClient()`) uses that transaction.
 */
export function withTenant<T>(tenant: TenantSnapshot, work: () => Promise<T>): Promise<T> {
  return db.transaction((trx) => enter(trx, { tenant, userId: null }, work))
}

/**
 * Continues an open transaction as the tenant, for work that creates the
 * tenant and its first rows in one transaction.
 */
export function joinAsTenant<T>(
  trx: TransactionClientContract,
  tenant: TenantSnapshot,
  work: () => Promise<T>
): Promise<T> {
  return enter(trx, { tenant, userId: null }, work)
}

/**
 * Runs `work` as a user with no tenant chosen: RLS lets the user read their
 * own memberships across tenants, nothing else tenant-owned.
 */
export function asUser<T>(userId: string, work: () => Promise<T>): Promise<T> {
  return db.transaction((trx) => enter(trx, { tenant: null, userId }, work))
}

export function currentTenant(): TenantSnapshot {
  const tenant = storage.getStore()?.tenant
  if (!tenant) throw new MissingTenantContext('This operation')
  return tenant
}

export function currentUnitOfWork(): UnitOfWork | undefined {
  return storage.getStore()
}

/**
 * The query client to use for hand-written queries: the tenant's transaction
 * inside a unit of work, the pool outside it (where RLS shows no tenant rows).
 */
export function currentClient() {
  return storage.getStore()?.trx ?? db.connection()
}
