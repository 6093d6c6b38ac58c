import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolateByTenant } from '#database/row_security'

/**
 * The billing mails a store was sent (trial ending, payment failed, writes
 * paused), one row per triggering occurrence: the unique key is what makes
 * a duplicated or replayed Stripe event mail nobody twice. Tenant-owned
 * behind forced RLS.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('billing_notices', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.string('kind', 24).notNullable()
      table.string('occurrence', 255).notNullable()
      table.integer('recipients').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'kind', 'occurrence'])
      table.check(`kind IN ('trial_ending', 'payment_failed', 'writes_paused')`)
      table.check('recipients >= 0')
    })
    isolateByTenant(this, 'billing_notices')
  }

  async down() {
    this.schema.dropTable('billing_notices')
  }
}
