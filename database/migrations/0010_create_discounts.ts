import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolateByTenant } from '#database/row_security'

/**
 * Discount codes and their redemptions, both tenant-owned behind forced
 * RLS. A code is unique in its store whatever its letter case; a
 * percentage is in basis points (1000 is 10 %), a fixed amount and the
 * minimum order are minor units of `currency`. `times_used` counts the
 * redemptions and is raised under the code's row lock, so a limit holds
 * however many shoppers check out at once. Orders keep the code and the
 * amount taken off as they were at checkout.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('discount_codes', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.string('code', 40).notNullable()
      table.string('kind', 16).notNullable()
      table.integer('percentage_bp').nullable()
      table.bigInteger('fixed_amount').nullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.bigInteger('minimum_order_amount').notNullable().defaultTo(0)
      table.timestamp('starts_at', { useTz: true }).notNullable()
      table.timestamp('ends_at', { useTz: true }).nullable()
      table.integer('usage_limit').nullable()
      table.integer('per_customer_limit').nullable()
      table.integer('times_used').notNullable().defaultTo(0)
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.check(`kind IN ('percentage', 'fixed')`)
      table.check(
        `(kind = 'percentage' AND percentage_bp BETWEEN 1 AND 10000 AND fixed_amount IS NULL)
         OR (kind = 'fixed' AND fixed_amount > 0 AND percentage_bp IS NULL)`
      )
      table.check('minimum_order_amount >= 0')
      table.check('ends_at IS NULL OR ends_at > starts_at')
      table.check('usage_limit IS NULL OR usage_limit > 0')
      table.check('per_customer_limit IS NULL OR per_customer_limit > 0')
      table.check('times_used >= 0')
    })
    this.schema.raw(
      'CREATE UNIQUE INDEX discount_codes_tenant_code_unique ON discount_codes (tenant_id, lower(code))'
    )
    isolateByTenant(this, 'discount_codes')

    this.schema.createTable('discount_redemptions', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('discount_code_id').notNullable()
      table.uuid('order_id').notNullable()
      table.string('email', 254).notNullable()
      table.bigInteger('amount').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'discount_code_id'])
        .references(['tenant_id', 'id'])
        .inTable('discount_codes')
        .onDelete('CASCADE')
      table
        .foreign(['tenant_id', 'order_id'])
        .references(['tenant_id', 'id'])
        .inTable('orders')
        .onDelete('CASCADE')
      table.unique(['discount_code_id', 'order_id'])
      table.index(['tenant_id', 'discount_code_id', 'email'])
      table.check('amount >= 0')
    })
    isolateByTenant(this, 'discount_redemptions')

    this.schema.alterTable('orders', (table) => {
      table.string('discount_code', 40).nullable()
      table.bigInteger('discount_amount').notNullable().defaultTo(0)
      table.check('discount_amount >= 0', [], 'orders_discount_amount_check')
    })
  }

  async down() {
    this.schema.alterTable('orders', (table) => {
      table.dropChecks('orders_discount_amount_check')
      table.dropColumns('discount_code', 'discount_amount')
    })
    this.schema.dropTable('discount_redemptions')
    this.schema.dropTable('discount_codes')
  }
}
