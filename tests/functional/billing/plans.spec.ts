import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type { EventsList } from '@adonisjs/core/types'
import PlanCreate from '#billing/commands/plan_create'
import PlanList from '#billing/commands/plan_list'
import PlanUpdate from '#billing/commands/plan_update'
import BillingSetPlan from '#billing/commands/billing_set_plan'
import Plan from '#billing/models/plan'
import { createStore, unique } from '#tests/helpers'
import { logsOf, runAce, subscriptionOf } from './support.js'

async function planCount() {
  const [row] = await db.from('plans').count('* as total')
  return Number(row.total)
}

test.group('Billing | plans that every environment has', () => {
  test('free and pro exist with their prices and limits', async ({ assert }) => {
    const free = await Plan.findByOrFail('code', 'free')
    assert.equal(free.monthlyPriceAmount, 0n)
    assert.equal(free.currency, 'USD')
    assert.include(free.limits, { projects: 3, tasks: 100, members: 4, products: 25 })
    const pro = await Plan.findByOrFail('code', 'pro')
    assert.equal(pro.monthlyPriceAmount, 2900n)
    assert.deepEqual(Object.values(pro.limits), [null, null, null, null, null])
  })

  test('a new store starts on the free plan, active', async ({ assert }) => {
    const { store } = await createStore({ plan: 'free' })
    const subscription = await subscriptionOf(store)
    assert.equal(subscription.plan.code, 'free')
    assert.equal(subscription.status, 'active')
    assert.isNull(subscription.stripeCustomerId)
  })

  test("a store's subscription is not visible from another store", async ({ assert }) => {
    const { store } = await createStore({ plan: 'free' })
    const other = await createStore({ plan: 'free' })
    const { withTenant } = await import('#tenancy/mod')
    const rows = await withTenant(other.store, () =>
      db.from('subscriptions').where('tenant_id', store.id).select('tenant_id')
    )
    assert.lengthOf(rows, 0)
  })
})

test.group('Billing | plan:create, plan:list, plan:update', () => {
  test('creates a plan with its price in minor units and its limits', async ({ assert }) => {
    const code = unique('biz')
    const command = await runAce(PlanCreate, [
      `--code=${code}`,
      '--name=Business',
      '--price=49.500',
      '--currency=kwd',
      `--stripe-price=${unique('price_')}`,
      '--trial-days=14',
      '--limit=projects=10',
      '--limit=tasks=unlimited',
    ])
    command.assertSucceeded()
    command.assertLogMatches(new RegExp(`Created plan ${code}`))
    const plan = await Plan.findByOrFail('code', code)
    assert.equal(plan.monthlyPriceAmount, 49500n)
    assert.equal(plan.currency, 'KWD')
    assert.equal(plan.trialDays, 14)
    assert.include(plan.limits, { projects: 10, tasks: null, members: null })

    const list = await runAce(PlanList, [])
    list.assertSucceeded()
    assert.include(logsOf(list), code)
    assert.include(logsOf(list), 'KWD')
  })

  test('refuses bad input, says which flag, and writes nothing ({label})')
    .with([
      { label: 'too many decimals', argv: ['--price=12.345', '--currency=USD'], flag: /--price/ },
      { label: 'a negative price', argv: ['--price=-5', '--currency=USD'], flag: /--price/ },
      { label: 'a price in words', argv: ['--price=abc', '--currency=USD'], flag: /--price/ },
      { label: 'an unknown currency', argv: ['--price=5', '--currency=XYZ'], flag: /--currency/ },
      {
        label: 'an unknown limit',
        argv: ['--price=5', '--currency=USD', '--limit=seats=3'],
        flag: /--limit/,
      },
      {
        label: 'a negative limit',
        argv: ['--price=5', '--currency=USD', '--limit=projects=-1'],
        flag: /--limit/,
      },
      {
        label: 'trial days in words',
        argv: ['--price=5', '--currency=USD', '--trial-days=abc'],
        flag: /--trial-days/,
      },
      {
        label: 'a Stripe price with a space',
        argv: ['--price=5', '--currency=USD', '--stripe-price=price 1'],
        flag: /--stripe-price/,
      },
    ])
    .run(async ({ assert }, { argv, flag }) => {
      const before = await planCount()
      const command = await runAce(PlanCreate, [`--code=${unique('bad')}`, '--name=Bad', ...argv])
      command.assertFailed()
      command.assertLogMatches(flag)
      assert.equal(await planCount(), before)
    })

  test('refuses a code that is taken or malformed', async ({ assert }) => {
    const before = await planCount()
    const taken = await runAce(PlanCreate, [
      '--code=free',
      '--name=Again',
      '--price=0',
      '--currency=USD',
    ])
    taken.assertFailed()
    taken.assertLogMatches(/already exists/)
    const malformed = await runAce(PlanCreate, [
      '--code=Not A Code',
      '--name=X',
      '--price=0',
      '--currency=USD',
    ])
    malformed.assertFailed()
    malformed.assertLogMatches(/--code/)
    assert.equal(await planCount(), before)
  })

  test('updates only what it is given and keeps the other limits', async ({ assert }) => {
    const code = unique('up')
    await runAce(PlanCreate, [
      `--code=${code}`,
      '--name=Up',
      '--price=10',
      '--currency=USD',
      '--limit=projects=3',
      '--limit=tasks=50',
    ])
    const price = unique('price_')
    const command = await runAce(PlanUpdate, [
      code,
      `--stripe-price=${price}`,
      '--price=12.50',
      '--limit=tasks=unlimited',
    ])
    command.assertSucceeded()
    const plan = await Plan.findByOrFail('code', code)
    assert.equal(plan.monthlyPriceAmount, 1250n)
    assert.equal(plan.stripePriceId, price)
    assert.equal(plan.name, 'Up')
    assert.include(plan.limits, { projects: 3, tasks: null })
  })

  test('refuses an unknown plan and a Stripe price another plan has', async ({ assert }) => {
    const unknown = await runAce(PlanUpdate, [unique('nope'), '--name=X'])
    unknown.assertFailed()
    unknown.assertLogMatches(/No plan with the code/)

    const price = unique('price_')
    const first = unique('a')
    const second = unique('b')
    for (const code of [first, second]) {
      await runAce(PlanCreate, [`--code=${code}`, '--name=X', '--price=1', '--currency=USD'])
    }
    await runAce(PlanUpdate, [first, `--stripe-price=${price}`])
    const clash = await runAce(PlanUpdate, [second, `--stripe-price=${price}`])
    clash.assertFailed()
    clash.assertLogMatches(/already uses the Stripe price/)
    assert.isNull((await Plan.findByOrFail('code', second)).stripePriceId)
  })

  test('a new currency without a new price is refused', async () => {
    const code = unique('cur')
    await runAce(PlanCreate, [`--code=${code}`, '--name=X', '--price=1', '--currency=USD'])
    const command = await runAce(PlanUpdate, [code, '--currency=EUR'])
    command.assertFailed()
    command.assertLogMatches(/--price/)
  })
})

test.group('Billing | billing:set-plan', () => {
  test('puts a store on a plan without Stripe and says so to the other modules', async ({
    assert,
  }) => {
    const { store } = await createStore({ plan: 'free' })
    const heard: EventsList['billing:subscription_changed'][] = []
    const listener = (event: EventsList['billing:subscription_changed']) => {
      if (event.tenantId === store.id) heard.push(event)
    }
    emitter.on('billing:subscription_changed', listener)
    try {
      const command = await runAce(BillingSetPlan, [store.slug, 'pro'])
      command.assertSucceeded()
      command.assertLogMatches(new RegExp(`${store.slug} is now on pro`))
    } finally {
      emitter.off('billing:subscription_changed', listener)
    }
    const subscription = await subscriptionOf(store)
    assert.equal(subscription.plan.code, 'pro')
    assert.equal(subscription.status, 'active')
    assert.deepEqual(heard, [
      {
        tenantId: store.id,
        planCode: 'pro',
        status: 'active',
        previousPlanCode: 'free',
        previousStatus: 'active',
        source: 'operator',
      },
    ])
  })

  test('refuses an unknown store or plan and changes nothing', async ({ assert }) => {
    const { store } = await createStore({ plan: 'free' })
    const noStore = await runAce(BillingSetPlan, [unique('nostore'), 'pro'])
    noStore.assertFailed()
    noStore.assertLogMatches(/No store with the address/)
    const noPlan = await runAce(BillingSetPlan, [store.slug, unique('noplan')])
    noPlan.assertFailed()
    noPlan.assertLogMatches(/No active plan/)
    assert.equal((await subscriptionOf(store)).plan.code, 'free')
  })
})
