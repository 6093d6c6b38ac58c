import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('tenants', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table.string('slug', 40).notNullable().unique()
      table.string('name', 120).notNullable()
      table.string('status', 16).notNullable().defaultTo('active')
      table.string('default_currency', 3).notNullable()
      table.string('default_locale', 8).notNullable()
      table.string('blueprint', 40).notNullable()
      table.string('custom_domain', 253).nullable().unique()
      table.timestamp('suspended_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check(`status IN ('active', 'suspended')`)
    })

    this.schema.createTable('users', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table.string('email', 254).notNullable().unique()
      table.string('full_name', 120).notNullable()
      table.string('password').nullable()
      table.string('locale', 8).nullable()
      table.boolean('is_platform_admin').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })

    this.schema.createTable('login_tokens', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('used_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
  }

  async down() {
    this.schema.dropTable('login_tokens')
    this.schema.dropTable('users')
    this.schema.dropTable('tenants')
  }
}
