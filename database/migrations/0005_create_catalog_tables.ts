import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolateByTenant } from '#database/row_security'

/**
 * The catalog: categories (a tree per store), products, their variants
 * (every product has at least one) and the movements that explain each
 * variant's stock. Every table is tenant-owned, keyed (tenant_id, id), and
 * its foreign keys carry tenant_id, so a row can only point at a row of its
 * own store. Amounts are whole minor units of the product's currency.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('categories', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('parent_id').nullable()
      table.string('name', 120).notNullable()
      table.string('slug', 120).notNullable()
      table.integer('position').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'slug'])
      table.index(['tenant_id', 'parent_id', 'position'])
      table
        .foreign(['tenant_id', 'parent_id'])
        .references(['tenant_id', 'id'])
        .inTable('categories')
        .onDelete('RESTRICT')
      table.check('parent_id IS NULL OR parent_id <> id')
    })
    isolateByTenant(this, 'categories')

    this.schema.createTable('products', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.string('title', 200).notNullable()
      table.string('slug', 200).notNullable()
      table.text('description').notNullable().defaultTo('')
      table.string('status', 16).notNullable().defaultTo('draft')
      table.uuid('category_id').nullable()
      table.specificType('tags', 'text[]').notNullable().defaultTo('{}')
      table.boolean('track_stock').notNullable().defaultTo(true)
      table.string('option1_name', 60).nullable()
      table.string('option2_name', 60).nullable()
      table.string('option3_name', 60).nullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'slug'])
      table.index(['tenant_id', 'status'])
      table.index(['tenant_id', 'category_id'])
      table.index(['tenant_id', 'updated_at'])
      table.check(`status IN ('draft', 'active', 'archived')`)
      table.check('option2_name IS NULL OR option1_name IS NOT NULL')
      table.check('option3_name IS NULL OR option2_name IS NOT NULL')
    })
    // Only category_id is cleared when a category goes: tenant_id stays
    this.schema.raw(`ALTER TABLE products ADD CONSTRAINT products_category_fk
      FOREIGN KEY (tenant_id, category_id) REFERENCES categories (tenant_id, id)
      ON DELETE SET NULL (category_id)`)
    isolateByTenant(this, 'products')

    this.schema.createTable('product_variants', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('product_id').notNullable()
      table.string('option1', 60).nullable()
      table.string('option2', 60).nullable()
      table.string('option3', 60).nullable()
      table.string('sku', 64).nullable()
      table.bigInteger('price_amount').notNullable()
      table.bigInteger('compare_at_amount').nullable()
      table.bigInteger('cost_amount').nullable()
      table.integer('stock').notNullable().defaultTo(0)
      table.integer('position').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'product_id'])
        .references(['tenant_id', 'id'])
        .inTable('products')
        .onDelete('CASCADE')
      table.index(['tenant_id', 'product_id', 'position'])
      table.check('stock >= 0')
      table.check('price_amount >= 0')
      table.check('compare_at_amount IS NULL OR compare_at_amount >= 0')
      table.check('cost_amount IS NULL OR cost_amount >= 0')
    })
    this.schema.raw(`ALTER TABLE product_variants ADD CONSTRAINT product_variants_options_unique
      UNIQUE NULLS NOT DISTINCT (tenant_id, product_id, option1, option2, option3)`)
    this.schema.raw(`CREATE UNIQUE INDEX product_variants_sku_unique
      ON product_variants (tenant_id, sku) WHERE sku IS NOT NULL`)
    isolateByTenant(this, 'product_variants')

    this.schema.createTable('stock_movements', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('variant_id').notNullable()
      table.integer('delta').notNullable()
      table.string('reason', 16).notNullable()
      table.string('note', 200).notNullable().defaultTo('')
      table.uuid('actor_user_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.integer('stock_after').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'variant_id'])
        .references(['tenant_id', 'id'])
        .inTable('product_variants')
        .onDelete('CASCADE')
      table.index(['tenant_id', 'variant_id', 'created_at'])
      table.check('delta <> 0')
      table.check('stock_after >= 0')
      table.check(`reason IN ('initial', 'adjustment', 'sale', 'cancellation', 'import')`)
    })
    isolateByTenant(this, 'stock_movements')
  }

  async down() {
    for (const table of ['stock_movements', 'product_variants', 'products', 'categories']) {
      this.schema.dropTable(table)
    }
  }
}
