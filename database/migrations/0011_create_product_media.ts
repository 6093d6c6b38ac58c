import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolateByTenant } from '#database/row_security'

/**
 * Images of a product, tenant-owned behind forced RLS. A row is written
 * only once its uploaded object has been checked (an image by its bytes,
 * within the size limit); the queue job then fills `variants` with the
 * resized files (content-hashed keys, so they can be cached for ever) and
 * marks it ready. `position` orders a product's images, first is the cover.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('product_media', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('product_id').notNullable()
      table.integer('position').notNullable()
      table.string('alt_text', 250).notNullable().defaultTo('')
      table.string('original_key', 300).notNullable()
      table.string('content_type', 40).notNullable()
      table.integer('byte_size').notNullable()
      table.specificType('content_hash', 'char(64)').notNullable()
      table.integer('width').notNullable()
      table.integer('height').notNullable()
      table.string('status', 16).notNullable().defaultTo('pending')
      table.jsonb('variants').notNullable().defaultTo('[]')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'product_id'])
        .references(['tenant_id', 'id'])
        .inTable('products')
        .onDelete('CASCADE')
      table.index(['tenant_id', 'product_id', 'position'])
      table.check(`status IN ('pending', 'ready', 'failed')`)
      table.check('position >= 0')
      table.check('width > 0 AND height > 0 AND byte_size > 0')
    })
    isolateByTenant(this, 'product_media')
  }

  async down() {
    this.schema.dropTable('product_media')
  }
}
