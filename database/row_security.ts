import type { BaseSchema } from '@adonisjs/lucid/schema'

const CURRENT_TENANT = `NULLIF(current_setting('app.tenant_id', true), '')::uuid`
const CURRENT_USER = `NULLIF(current_setting('app.user_id', true), '')::uuid`

/**
 * The database wall: a tenant-owned table only shows and accepts rows of the
 * tenant set with `set_config('app.tenant_id', …, true)` in the current
 * transaction, for every role including the owner.
 */
export function isolateByTenant(schema: BaseSchema, table: string) {
  schema.schema.raw(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`)
  schema.schema.raw(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`)
  schema.schema.raw(
    `CREATE POLICY tenant_isolation ON "${table}" USING (tenant_id = ${CURRENT_TENANT}) WITH CHECK (tenant_id = ${CURRENT_TENANT})`
  )
}

/**
 * Like `isolateByTenant`, and a user may also read their own rows across
 * tenants (when `app.user_id` is set), to list the stores they belong to.
 */
export function isolateByTenantOrOwnUser(schema: BaseSchema, table: string) {
  isolateByTenant(schema, table)
  schema.schema.raw(
    `CREATE POLICY own_rows_readable ON "${table}" FOR SELECT USING (user_id = ${CURRENT_USER})`
  )
}

/**
 * Declares, in the database, why a table with `tenant_id` stays outside RLS.
 * The isolation test refuses any tenant_id table that is neither isolated
 * nor commented this way.
 */
export function declarePlatformTable(schema: BaseSchema, table: string, reason: string) {
  schema.schema.raw(`COMMENT ON TABLE "${table}" IS 'platform: ${reason.replaceAll("'", "''")}'`)
}
