import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolateByTenant } from '#database/row_security'

/** The plans every environment starts with; operators add more with `plan:create` */
const STARTER_PLANS = [
  {
    code: 'free',
    name: 'Free',
    monthly_price_amount: 0,
    currency: 'USD',
    limits: { projects: 3, tasks: 100, members: 4, products: 25, aiTokensPerMonth: 0 },
  },
  {
    code: 'pro',
    name: 'Pro',
    monthly_price_amount: 2900,
    currency: 'USD',
    limits: { projects: null, tasks: null, members: null, products: null, aiTokensPerMonth: null },
  },
]

/**
 * Billing: the platform's plans, each store's one subscription, and the
 * ledger of webhook events as providers delivered them. Plans and the ledger
 * are platform tables (no tenant_id); subscriptions are tenant-owned behind
 * forced RLS. `last_event_created_at` is the provider's timestamp of the
 * last change applied, so a late delivery of an older event cannot
 * overwrite newer state. Every store that exists already starts on `free`.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('plans', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table.string('code', 40).notNullable().unique()
      table.string('name', 120).notNullable()
      table.bigInteger('monthly_price_amount').notNullable().defaultTo(0)
      table.specificType('currency', 'char(3)').notNullable()
      table.string('stripe_price_id', 255).nullable().unique()
      table.integer('trial_days').notNullable().defaultTo(0)
      table.jsonb('limits').notNullable().defaultTo('{}')
      table.jsonb('metered_charges').notNullable().defaultTo('[]')
      table.timestamp('archived_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check('monthly_price_amount >= 0')
      table.check('trial_days BETWEEN 0 AND 730')
      table.check(`code ~ '^[a-z0-9][a-z0-9_-]*$'`)
    })
    this.defer(async (db) => {
      await db
        .table('plans')
        .multiInsert(
          STARTER_PLANS.map((plan) => ({ ...plan, limits: JSON.stringify(plan.limits) }))
        )
    })

    this.schema.createTable('subscriptions', (table) => {
      table.uuid('tenant_id').primary().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('plan_id').notNullable().references('id').inTable('plans')
      table.string('status', 16).notNullable().defaultTo('active')
      table.string('stripe_customer_id', 255).nullable().unique()
      table.string('stripe_subscription_id', 255).nullable().unique()
      table.timestamp('current_period_start', { useTz: true }).nullable()
      table.timestamp('current_period_end', { useTz: true }).nullable()
      table.boolean('cancel_at_period_end').notNullable().defaultTo(false)
      table.timestamp('trial_ends_at', { useTz: true }).nullable()
      table.timestamp('last_event_created_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check(
        `status IN ('trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete')`
      )
    })
    // Before RLS is forced, while the owner role still sees every store
    this.defer(async (db) => {
      await db.rawQuery(`INSERT INTO subscriptions (tenant_id, plan_id, status)
        SELECT tenants.id, plans.id, 'active' FROM tenants CROSS JOIN plans
        WHERE plans.code = 'free' ON CONFLICT DO NOTHING`)
    })
    isolateByTenant(this, 'subscriptions')

    this.schema.createTable('webhook_events', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table.string('provider', 24).notNullable()
      table.string('event_id', 255).notNullable()
      table.string('type', 120).notNullable()
      table.jsonb('payload').notNullable()
      table.string('status', 16).notNullable().defaultTo('received')
      table.integer('attempts').notNullable().defaultTo(0)
      table.text('last_error').nullable()
      table.timestamp('received_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('processed_at', { useTz: true }).nullable()
      table.unique(['provider', 'event_id'])
      table.index(['status', 'received_at'])
      table.check(`status IN ('received', 'processed', 'failed', 'ignored')`)
      table.check('attempts >= 0')
    })
  }

  async down() {
    this.schema.dropTable('webhook_events')
    this.schema.dropTable('subscriptions')
    this.schema.dropTable('plans')
  }
}
