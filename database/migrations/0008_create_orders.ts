import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolateByTenant } from '#database/row_security'

/**
 * The storefront's orders: each store's checkout settings (flat shipping,
 * tax), a counter that numbers its orders 1, 2, 3 … without gaps or
 * repeats, the orders and their lines. Every table is tenant-owned behind
 * forced RLS. Amounts are whole minor units of the order's currency; a line
 * copies the product's title and price as sold, so later catalog changes
 * never rewrite an order (variant_id names the catalog's variant, with no
 * foreign key: the catalog may delete it).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('storefront_settings', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.bigInteger('shipping_amount').notNullable().defaultTo(0)
      table.specificType('shipping_currency', 'char(3)').nullable()
      table.integer('tax_rate_bp').notNullable().defaultTo(0)
      table.boolean('prices_include_tax').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id'])
      table.check('shipping_amount >= 0')
      table.check('tax_rate_bp BETWEEN 0 AND 10000')
    })
    isolateByTenant(this, 'storefront_settings')

    this.schema.createTable('order_counters', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.integer('last_number').notNullable()
      table.primary(['tenant_id'])
      table.check('last_number > 0')
    })
    isolateByTenant(this, 'order_counters')

    this.schema.createTable('orders', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.integer('number').notNullable()
      table.string('status', 16).notNullable().defaultTo('pending')
      table.string('email', 254).notNullable()
      table.string('customer_name', 120).notNullable()
      table.string('phone', 32).notNullable()
      table.specificType('country', 'char(2)').notNullable()
      table.string('city', 120).notNullable()
      table.string('address_line1', 200).notNullable()
      table.string('address_line2', 200).notNullable().defaultTo('')
      table.string('customer_note', 1000).notNullable().defaultTo('')
      table.text('notes').notNullable().defaultTo('')
      table.string('payment_method', 24).notNullable().defaultTo('cash_on_delivery')
      table.string('locale', 8).notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.bigInteger('subtotal_amount').notNullable()
      table.bigInteger('shipping_amount').notNullable()
      table.bigInteger('tax_amount').notNullable()
      table.bigInteger('total_amount').notNullable()
      table.integer('tax_rate_bp').notNullable()
      table.boolean('prices_include_tax').notNullable()
      table.boolean('stock_returned').notNullable().defaultTo(false)
      table.timestamp('placed_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('paid_at', { useTz: true }).nullable()
      table.timestamp('fulfilled_at', { useTz: true }).nullable()
      table.timestamp('cancelled_at', { useTz: true }).nullable()
      table.timestamp('refunded_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'number'])
      table.index(['tenant_id', 'status', 'placed_at'])
      table.index(['tenant_id', 'placed_at'])
      table.index(['tenant_id', 'email'])
      table.check(`status IN ('pending', 'paid', 'fulfilled', 'cancelled', 'refunded')`)
      table.check('number > 0')
      table.check('subtotal_amount >= 0 AND shipping_amount >= 0 AND tax_amount >= 0')
      table.check('total_amount >= 0')
    })
    isolateByTenant(this, 'orders')

    this.schema.createTable('order_lines', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('order_id').notNullable()
      table.uuid('variant_id').notNullable()
      table.uuid('product_id').notNullable()
      table.string('title', 200).notNullable()
      table.string('variant_label', 200).notNullable().defaultTo('')
      table.string('sku', 64).nullable()
      table.bigInteger('unit_price_amount').notNullable()
      table.integer('quantity').notNullable()
      table.bigInteger('line_total_amount').notNullable()
      table.boolean('stock_reserved').notNullable()
      table.integer('position').notNullable()
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'order_id'])
        .references(['tenant_id', 'id'])
        .inTable('orders')
        .onDelete('CASCADE')
      table.index(['tenant_id', 'order_id', 'position'])
      table.check('quantity > 0')
      table.check('unit_price_amount >= 0 AND line_total_amount >= 0')
    })
    isolateByTenant(this, 'order_lines')
  }

  async down() {
    for (const table of ['order_lines', 'orders', 'order_counters', 'storefront_settings']) {
      this.schema.dropTable(table)
    }
  }
}
