import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolateByTenant } from '#database/row_security'

const TOUCH_COLUMNS = ['source', 'medium', 'campaign'] as const

/**
 * Storefront visits (page views a shopper's browser made, bots left out),
 * tenant-owned behind forced RLS, and where each order came from. A visit
 * keeps no IP address: `visitor_hash` is a keyed hash of the address and
 * user agent under a salt that lives one UTC day in Redis only, so it
 * groups one day's views and can be linked to nothing afterwards.
 * `landing` marks the views that start a visit (a campaign link, another
 * site, or typed in); views reached from the store's own pages carry no
 * source of their own. The order's touches are copied at placement, so a
 * report never needs the visits table to say where an order came from.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('visits', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      // chosen by the request that saw the view, so a flush that runs twice inserts it once
      table.uuid('id').notNullable()
      table.timestamp('occurred_at', { useTz: true }).notNullable()
      table.string('path', 300).notNullable()
      table.boolean('landing').notNullable()
      table.string('source', 150).nullable()
      table.string('medium', 150).nullable()
      table.string('campaign', 150).nullable()
      table.string('utm_source', 150).nullable()
      table.string('utm_medium', 150).nullable()
      table.string('utm_campaign', 150).nullable()
      table.string('utm_term', 150).nullable()
      table.string('utm_content', 150).nullable()
      table.string('referrer_host', 255).nullable()
      table.string('device', 8).notNullable()
      table.string('visitor_id', 64).nullable()
      table.string('visitor_hash', 32).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.index(['tenant_id', 'occurred_at'])
      table.check(`device IN ('mobile', 'tablet', 'desktop')`)
      table.check('landing = (source IS NOT NULL)')
    })
    isolateByTenant(this, 'visits')

    this.schema.alterTable('orders', (table) => {
      table.string('visitor_id', 64).nullable()
      for (const touch of ['first_touch', 'last_touch']) {
        for (const column of TOUCH_COLUMNS) table.string(`${touch}_${column}`, 150).nullable()
      }
      table.index(['tenant_id', 'visitor_id'])
    })
  }

  async down() {
    this.schema.alterTable('orders', (table) => {
      table.dropIndex(['tenant_id', 'visitor_id'])
      table.dropColumn('visitor_id')
      for (const touch of ['first_touch', 'last_touch']) {
        for (const column of TOUCH_COLUMNS) table.dropColumn(`${touch}_${column}`)
      }
    })
    this.schema.dropTable('visits')
  }
}
