import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolateByTenant } from '#database/row_security'

/**
 * Card payments through the store's own Stripe account: its secret key and
 * webhook signing secret, encrypted with the app key (only the key's last
 * four characters are kept readable, to tell the merchant which key is
 * set), tenant-owned behind forced RLS. Orders paid by card record what was
 * charged (3-decimal currencies go to Stripe in whole tens of fils), the
 * difference from their total, and the Checkout Session last opened.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('store_card_payments', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.text('secret_key_encrypted').notNullable()
      table.string('secret_key_last4', 4).notNullable()
      table.text('webhook_secret_encrypted').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id'])
    })
    isolateByTenant(this, 'store_card_payments')

    this.schema.alterTable('orders', (table) => {
      table.bigInteger('charged_amount').nullable()
      table.bigInteger('charge_rounding_amount').nullable()
      table.string('payment_session_id', 255).nullable()
      table.check(`payment_method IN ('cash_on_delivery', 'card')`, [], 'orders_payment_method')
      table.check('charged_amount IS NULL OR charged_amount >= 0', [], 'orders_charged_amount')
    })
  }

  async down() {
    this.schema.alterTable('orders', (table) => {
      table.dropChecks(['orders_payment_method', 'orders_charged_amount'])
      table.dropColumns('charged_amount', 'charge_rounding_amount', 'payment_session_id')
    })
    this.schema.dropTable('store_card_payments')
  }
}
