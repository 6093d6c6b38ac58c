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
  /** null while the tenant is known but no transaction was needed yet (`withTenantOnDemand`) */
  trx: TransactionClientContract | null
}

export class MissingTenantContext extends Exception {
  static status = 500
  static code = 'E_MISSING_TENANT_CONTEXT'
  constructor(what: string) {
    super(`${what} needs a tenant context; none is set (fail closed, never "all rows")`)
  }
}

const storage = new AsyncLocalStorage<UnitOfWork>()

type Settings = { tenant: TenantSnapshot | null; userId: string | null }

/** The transaction option that carries the settings to the transaction's first statement */
const SETTINGS = Symbol('bazaar.unitOfWorkSettings')

interface PgConnection {
  query(text: string): Promise<unknown>
  escapeLiteral(value: string): string
}

interface KnexTransaction {
  begin(connection: PgConnection): Promise<unknown>
}

type KnexTransactionFactory = (
  container: unknown,
  config: Record<PropertyKey, unknown> | undefined,
  outerTx: unknown
) => KnexTransaction

const clientsThatBeginWithSettings = new WeakSet<object>()

/**
 * BEGIN and both settings travel as one simple-protocol message, so opening
 * a unit of work is one round trip instead of two. knex sends a top-level
 * transaction's BEGIN from `begin()`, after the constructor has returned, so
 * replacing it on the instance is enough; savepoints are left alone. The
 * values are quoted by the driver's own `escapeLiteral` (no bind parameters
 * exist in a multi-statement message).
 */
function beginWithSettings(knexClient: { transaction: KnexTransactionFactory }) {
  if (clientsThatBeginWithSettings.has(knexClient)) return
  const createTransaction = knexClient.transaction
  knexClient.transaction = function (container, config, outerTx) {
    const transaction = createTransaction.call(this, container, config, outerTx)
    const settings = config?.[SETTINGS] as Settings | undefined
    if (settings && !outerTx) {
      transaction.begin = (connection) => openWith(connection, settings)
    }
    return transaction
  }
  clientsThatBeginWithSettings.add(knexClient)
}

/**
 * What opens a unit of work: `BEGIN` (`BEGIN READ ONLY` for a single read)
 * and the transaction-local settings the policies read, as one message.
 */
export function openingStatements(
  connection: Pick<PgConnection, 'escapeLiteral'>,
  settings: Settings,
  begin: 'BEGIN' | 'BEGIN READ ONLY' = 'BEGIN'
) {
  const tenantId = connection.escapeLiteral(settings.tenant?.id ?? '')
  const userId = connection.escapeLiteral(settings.userId ?? '')
  return `${begin}; SELECT set_config('app.tenant_id', ${tenantId}, true), set_config('app.user_id', ${userId}, true)`
}

async function openWith(connection: PgConnection, settings: Settings) {
  try {
    await connection.query(openingStatements(connection, settings))
  } catch (error) {
    // Never hand the pool a connection left inside a transaction
    await connection.query('ROLLBACK').catch(() => {})
    throw error
  }
}

function inNewUnitOfWork<T>(settings: Settings, work: () => Promise<T>): Promise<T> {
  const client = db.connection()
  beginWithSettings(client.getWriteClient().client as never)
  return client.transaction((trx) => storage.run({ ...settings, trx }, work), {
    [SETTINGS]: settings,
  } as never)
}

/**
 * Runs `work` as the tenant: one transaction whose first statement sets
 * `app.tenant_id` transaction-locally, so row-level security sees only this
 * tenant and the setting cannot leak to the next user of the pooled connection.
 * Everything awaited inside (models and `currentClient()`) uses that transaction.
 */
export function withTenant<T>(tenant: TenantSnapshot, work: () => Promise<T>): Promise<T> {
  return inNewUnitOfWork({ tenant, userId: null }, work)
}

/**
 * Runs `work` knowing the tenant, without opening a transaction: a page
 * that can be answered from this process's copies (a storefront's settings,
 * later its cached pages) costs no round trip to PostgreSQL and holds no
 * pooled connection while it renders. Reads open the unit of work through
 * `inUnitOfWork`; a tenant-owned model queried outside one still fails closed.
 */
export function withTenantOnDemand<T>(tenant: TenantSnapshot, work: () => Promise<T>): Promise<T> {
  return storage.run({ tenant, userId: null, trx: null }, work)
}

/**
 * Runs `work` in the current unit of work, opening it first when the tenant
 * is known but no transaction is open yet.
 */
export function inUnitOfWork<T>(work: () => Promise<T>): Promise<T> {
  const unitOfWork = storage.getStore()
  if (unitOfWork?.trx) return work()
  if (unitOfWork?.tenant) return withTenant(unitOfWork.tenant, work)
  throw new MissingTenantContext('This read')
}

/**
 * Runs `work` as the tenant and as a user at once: row-level security shows
 * the tenant's rows and the user's own memberships in every store, so a
 * signed-in page learns the user's stores in the same unit of work. Whether
 * the user belongs to the tenant is the caller's to check before anything
 * else is read.
 */
export function asUserInTenant<T>(
  tenant: TenantSnapshot,
  userId: string,
  work: () => Promise<T>
): Promise<T> {
  return inNewUnitOfWork({ tenant, userId }, work)
}

/**
 * Continues an open transaction as the tenant, for work that creates the
 * tenant and its first rows in one transaction.
 */
export async function joinAsTenant<T>(
  trx: TransactionClientContract,
  tenant: TenantSnapshot,
  work: () => Promise<T>
): Promise<T> {
  // '' reads as unset (the policies wrap the settings in NULLIF)
  await trx.rawQuery(
    `select set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)`,
    [tenant.id, '']
  )
  return storage.run({ tenant, userId: null, trx }, work)
}

/**
 * Runs `work` as a user with no tenant chosen: RLS lets the user read their
 * own memberships across tenants, nothing else tenant-owned.
 */
export function asUser<T>(userId: string, work: () => Promise<T>): Promise<T> {
  return inNewUnitOfWork({ tenant: null, userId }, work)
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
 * Where the tenant is known but its unit of work is not open yet, the pool
 * would answer with nothing, silently: that is refused instead.
 */
export function currentClient() {
  const unitOfWork = storage.getStore()
  if (!unitOfWork) return db.connection()
  if (!unitOfWork.trx) throw new MissingTenantContext('A query (open one with inUnitOfWork)')
  return unitOfWork.trx
}

/**
 * Runs `work` once the current unit of work has committed, and never if it
 * rolls back: for what other processes must not see before the change they
 * would act on (a cache told to drop a page re-reading the old row). Outside
 * an open unit of work there is nothing to wait for, so it runs at once.
 * The commit awaits it, so the request that made the change answers after it.
 */
export async function afterCommit(work: () => Promise<void>): Promise<void> {
  const trx = storage.getStore()?.trx
  if (!trx) return work()
  trx.after('commit', work)
}

const answersByTransaction = new WeakMap<TransactionClientContract, Map<string, Promise<unknown>>>()

/**
 * The answer of `work` for the rest of the current unit of work, so a page
 * whose parts ask the same question (the overview's member count and its
 * set-up checklist) asks PostgreSQL once. Only for reads that nothing later
 * in the same unit of work changes.
 */
export function onceInUnitOfWork<T>(key: string, work: () => Promise<T>): Promise<T> {
  const trx = storage.getStore()?.trx
  if (!trx) return work()
  let answers = answersByTransaction.get(trx)
  if (!answers) {
    answers = new Map()
    answersByTransaction.set(trx, answers)
  }
  let answer = answers.get(key) as Promise<T> | undefined
  if (!answer) {
    answer = work()
    answers.set(key, answer)
  }
  return answer
}
