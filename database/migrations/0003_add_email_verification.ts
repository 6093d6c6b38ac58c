import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Email verification: an address is proven by a link mailed to it (a
 * `login_tokens` row with purpose `verify_email`) or by a magic link. Until
 * then password sign-in is refused. `session_epoch` grows when the owner
 * proves the address and a password of unknown origin is removed: sessions
 * carry the epoch they were opened in, and older ones stop working.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.timestamp('email_verified_at', { useTz: true }).nullable()
      table.integer('session_epoch').notNullable().defaultTo(0)
    })

    this.schema.alterTable('login_tokens', (table) => {
      table.string('purpose', 16).notNullable().defaultTo('sign_in')
      table.check(`purpose IN ('sign_in', 'verify_email')`, [], 'login_tokens_purpose_check')
    })

    this.schema.alterTable('api_tokens', (table) => {
      table.index(['tenant_id', 'user_id'], 'api_tokens_tenant_user_index')
    })
  }

  async down() {
    this.schema.alterTable('api_tokens', (table) => {
      table.dropIndex(['tenant_id', 'user_id'], 'api_tokens_tenant_user_index')
    })
    this.schema.alterTable('login_tokens', (table) => {
      table.dropChecks(['login_tokens_purpose_check'])
      table.dropColumn('purpose')
    })
    this.schema.alterTable('users', (table) => {
      table.dropColumn('session_epoch')
      table.dropColumn('email_verified_at')
    })
  }
}
