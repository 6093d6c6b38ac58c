import db from '@adonisjs/lucid/services/db'
import { MissingTenantContext, currentUnitOfWork, openingStatements } from './tenant_context.js'

/** What a binding of a single read may be; each becomes a quoted literal */
export type ReadBinding = string | number | bigint | boolean | null | Date | string[]

interface PgConnection {
  query(text: string): Promise<unknown>
  escapeLiteral(value: string): string
  __knex__disposed?: unknown
}

interface KnexClient {
  acquireConnection(): Promise<PgConnection>
  releaseConnection(connection: PgConnection): Promise<unknown>
}

interface Result {
  rows: Record<string, any>[]
}

function literalOf(connection: PgConnection, value: ReadBinding): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'bigint') return `(${value.toString()})`
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('A read binding must be a finite number')
    return `(${String(value)})`
  }
  if (value instanceof Date) return connection.escapeLiteral(value.toISOString())
  if (Array.isArray(value)) {
    const items = value.map((item) => `"${String(item).replace(/[\\"]/g, '\\$&')}"`)
    return connection.escapeLiteral(`{${items.join(',')}}`)
  }
  return connection.escapeLiteral(String(value))
}

/** `sql` with each `?` replaced by its binding, quoted by the driver's own `escapeLiteral` */
function inlined(connection: PgConnection, sql: string, bindings: ReadBinding[]) {
  let index = 0
  const text = sql.replace(/\?/g, () => {
    if (index >= bindings.length) throw new TypeError('A read has more placeholders than bindings')
    return literalOf(connection, bindings[index++])
  })
  if (index !== bindings.length) throw new TypeError('A read has more bindings than placeholders')
  return text
}

/**
 * One read-only statement as the current tenant. Inside an open unit of
 * work it joins it; otherwise BEGIN READ ONLY, the tenant setting, the
 * statement and COMMIT travel as one simple-protocol message, one round
 * trip instead of three and no pooled connection held between them (a
 * storefront page reads its rows this way and renders after the commit).
 * The setting is transaction-local as in `withTenant`, so it cannot leak
 * to the next user of the connection. `sql` must hold no `?` other than
 * its placeholders.
 */
export async function readAsTenant(sql: string, bindings: ReadBinding[]): Promise<Result> {
  const unitOfWork = currentUnitOfWork()
  if (unitOfWork?.trx) return unitOfWork.trx.rawQuery(sql, bindings as never)
  const tenant = unitOfWork?.tenant
  if (!tenant) throw new MissingTenantContext('This read')

  const client = db.connection().getWriteClient().client as unknown as KnexClient
  const connection = await client.acquireConnection()
  try {
    const opening = openingStatements(connection, { tenant, userId: null }, 'BEGIN READ ONLY')
    const text = `${opening}; ${inlined(connection, sql, bindings)}; COMMIT`
    const results = (await connection.query(text)) as Result[]
    return results[2]
  } catch (error) {
    // An error leaves the message's transaction aborted: never hand the pool a connection inside it
    await connection.query('ROLLBACK').catch((rollbackError) => {
      connection.__knex__disposed = rollbackError
    })
    throw error
  } finally {
    await client.releaseConnection(connection)
  }
}
