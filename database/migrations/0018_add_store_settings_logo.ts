import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The store's logo, as the content hash its generated files are named by
 * (`logos/<tenant>/<hash>-96.webp` and `-192.webp` on the media disk); null
 * for no logo, the storefront then shows the store's initial. Only the hash
 * is kept, so a stored value can never point outside the store's own files.
 * `store_settings` keeps its forced row-level security and its policy.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('store_settings', (table) => {
      table.text('logo_hash').nullable()
      table.check(`logo_hash ~ '^[0-9a-f]{32}$'`, [], 'store_settings_logo_hash_format')
    })
  }

  async down() {
    this.schema.alterTable('store_settings', (table) => {
      table.dropChecks('store_settings_logo_hash_format')
      table.dropColumn('logo_hash')
    })
  }
}
