import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * When the merchant last saved the store settings page (currency, language,
 * name, tagline): null until they have confirmed what provisioning chose.
 * The overview's set-up checklist reads it. `store_settings` keeps its
 * forced row-level security and its policy; a new column needs neither
 * changed, and the app role's grants are on the table.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('store_settings', (table) => {
      table.timestamp('confirmed_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.alterTable('store_settings', (table) => {
      table.dropColumn('confirmed_at')
    })
  }
}
