import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolateByTenant } from '#database/row_security'

/**
 * The workspace: a store's projects and their tasks on a three-column board.
 * Both tables are tenant-owned, keyed (tenant_id, id), and a task points at
 * its project through (tenant_id, project_id), so it cannot name another
 * store's project. Within a project, each column's positions are 0..n-1:
 * the operations renumber a column under a lock on the project row, and the
 * deferred unique constraint refuses, at commit, anything that would leave two
 * tasks in one place.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('projects', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.string('name', 120).notNullable()
      table.text('description').notNullable().defaultTo('')
      table.string('color', 16).notNullable().defaultTo('blue')
      table.timestamp('archived_at', { useTz: true }).nullable()
      table.uuid('created_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.index(['tenant_id', 'archived_at', 'updated_at'])
      table.check(`color IN ('blue', 'green', 'plum')`)
    })
    this.schema.raw(`CREATE UNIQUE INDEX projects_active_name_unique
      ON projects (tenant_id, lower(name)) WHERE archived_at IS NULL`)
    isolateByTenant(this, 'projects')

    this.schema.createTable('tasks', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable().defaultTo(this.raw('gen_random_uuid()'))
      table.uuid('project_id').notNullable()
      table.string('title', 200).notNullable()
      table.text('description').notNullable().defaultTo('')
      table.string('status', 16).notNullable().defaultTo('todo')
      table
        .uuid('assignee_user_id')
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.date('due_on').nullable()
      table.integer('position').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'project_id'])
        .references(['tenant_id', 'id'])
        .inTable('projects')
        .onDelete('CASCADE')
      table.index(['tenant_id', 'assignee_user_id'])
      table.check(`status IN ('todo', 'doing', 'done')`)
      table.check('position >= 0')
    })
    this.schema.raw(`ALTER TABLE tasks ADD CONSTRAINT tasks_place_unique
      UNIQUE (tenant_id, project_id, status, position) DEFERRABLE INITIALLY DEFERRED`)
    isolateByTenant(this, 'tasks')
  }

  async down() {
    this.schema.dropTable('tasks')
    this.schema.dropTable('projects')
  }
}
