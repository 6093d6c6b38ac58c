import { BaseSchema } from '@adonisjs/lucid/schema'
import {
  declarePlatformTable,
  isolateByTenant,
  isolateByTenantOrOwnUser,
} from '#database/row_security'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('memberships', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('role', 16).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'user_id'])
      table.index(['user_id'])
      table.check(`role IN ('owner', 'admin', 'finance', 'member')`)
    })
    isolateByTenantOrOwnUser(this, 'memberships')

    this.schema.createTable('store_settings', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.string('theme', 40).notNullable()
      table.string('accent_color', 7).notNullable()
      table.string('tagline', 200).notNullable()
      table.jsonb('highlights').notNullable().defaultTo('[]')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id'])
    })
    isolateByTenant(this, 'store_settings')

    this.schema.createTable('activities', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('actor_user_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.string('action', 80).notNullable()
      table.string('subject_type', 40).nullable()
      table.string('subject_id', 80).nullable()
      table.jsonb('data').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.index(['tenant_id', 'created_at'])
    })
    isolateByTenant(this, 'activities')

    this.schema.createTable('invitations', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.string('email', 254).notNullable()
      table.string('role', 16).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table
        .uuid('invited_by_user_id')
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('accepted_at', { useTz: true }).nullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.check(`role IN ('owner', 'admin', 'finance', 'member')`)
    })
    declarePlatformTable(
      this,
      'invitations',
      'read by token hash before the tenant is known; every other read names tenant_id'
    )

    this.schema.createTable('api_tokens', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('name', 80).notNullable()
      table.jsonb('abilities').notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.string('hint', 8).notNullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
      table.timestamp('last_used_at', { useTz: true }).nullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
    })
    declarePlatformTable(
      this,
      'api_tokens',
      'read by token hash before the tenant is known; every other read names tenant_id'
    )
  }

  async down() {
    for (const table of [
      'api_tokens',
      'invitations',
      'activities',
      'store_settings',
      'memberships',
    ]) {
      this.schema.dropTable(table)
    }
  }
}
