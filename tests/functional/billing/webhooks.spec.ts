import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type { EventsList } from '@adonisjs/core/types'
import BillingReplay from '#billing/commands/billing_replay'
import { UpdatePlan } from '#billing/operations/save_plan'
import { createStore, unique } from '#tests/helpers'
import {
  deliver,
  freeStoreAndPlan,
  invoiceObject,
  ledgerRows,
  logsOf,
  now,
  planWithStripePrice,
  runAce,
  settled,
  stripeEvent,
  subscriptionObject,
  subscriptionOf,
} from './support.js'

async function ledgerCount() {
  const [row] = await db.from('webhook_events').count('* as total')
  return Number(row.total)
}

/** Collects billing:subscription_changed for `tenantId` emitted in this process while `work` runs */
async function changesDuring(tenantId: string, work: () => Promise<unknown>) {
  const heard: EventsList['billing:subscription_changed'][] = []
  const listener = (event: EventsList['billing:subscription_changed']) => {
    if (event.tenantId === tenantId) heard.push(event)
  }
  emitter.on('billing:subscription_changed', listener)
  try {
    await work()
  } finally {
    emitter.off('billing:subscription_changed', listener)
  }
  return heard
}

test.group('Billing | Stripe subscription events', () => {
  test('customer.subscription.created puts the store on the plan of its price', async ({
    client,
    assert,
  }) => {
    const { store, plan } = await freeStoreAndPlan()
    const object = subscriptionObject({
      tenantId: store.id,
      priceId: plan.stripePriceId!,
      status: 'trialing',
      trialEnd: now() + 14 * 86_400,
    })
    const event = stripeEvent('customer.subscription.created', object)

    const response = await deliver(client, event)
    response.assertStatus(200)
    response.assertBodyContains({ received: true, duplicate: false })

    const row = await settled(event.id)
    assert.include(row, { status: 'processed', attempts: 1, type: event.type, last_error: null })
    assert.exists(row.processed_at)
    const subscription = await subscriptionOf(store)
    assert.equal(subscription.plan.code, plan.code)
    assert.equal(subscription.status, 'trialing')
    assert.equal(subscription.stripeCustomerId, object.customer)
    assert.equal(subscription.stripeSubscriptionId, object.id)
    assert.equal(subscription.trialEndsAt?.toSeconds(), object.trial_end)
    assert.equal(
      subscription.currentPeriodEnd?.toSeconds(),
      object.items.data[0].current_period_end
    )
    assert.equal(subscription.lastEventCreatedAt?.toSeconds(), event.created)
  })

  test('customer.subscription.updated moves the status and the cancellation', async ({
    client,
    assert,
  }) => {
    const { store, plan, fields } = await freeStoreAndPlan()
    const created = stripeEvent('customer.subscription.created', subscriptionObject(fields), {
      created: now() - 60,
    })
    await deliver(client, created).then((response) => response.assertStatus(200))
    await settled(created.id)

    const updated = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({ ...fields, status: 'past_due', cancelAtPeriodEnd: true })
    )
    await deliver(client, updated).then((response) => response.assertStatus(200))
    assert.equal((await settled(updated.id)).status, 'processed')

    const subscription = await subscriptionOf(store)
    assert.equal(subscription.status, 'past_due')
    assert.isTrue(subscription.cancelAtPeriodEnd)
    assert.equal(subscription.plan.code, plan.code)
  })

  test('customer.subscription.deleted cancels the subscription and keeps its plan', async ({
    client,
    assert,
  }) => {
    const { store, plan, fields } = await freeStoreAndPlan()
    const created = stripeEvent('customer.subscription.created', subscriptionObject(fields), {
      created: now() - 60,
    })
    await deliver(client, created)
    await settled(created.id)

    const deleted = stripeEvent(
      'customer.subscription.deleted',
      subscriptionObject({ ...fields, status: 'canceled', priceId: 'price_gone' })
    )
    await deliver(client, deleted).then((response) => response.assertStatus(200))
    assert.equal((await settled(deleted.id)).status, 'processed')

    const subscription = await subscriptionOf(store)
    assert.equal(subscription.status, 'canceled')
    assert.equal(subscription.plan.code, plan.code)
  })
})

test.group('Billing | Checkout and invoices', () => {
  test('checkout links the customer; invoices then find the store by it', async ({
    client,
    assert,
  }) => {
    const { store } = await createStore({ plan: 'free' })
    const customer = unique('cus_')
    const subscriptionId = unique('sub_')
    const checkout = stripeEvent(
      'checkout.session.completed',
      {
        id: unique('cs_'),
        object: 'checkout.session',
        mode: 'subscription',
        client_reference_id: store.id,
        customer,
        subscription: subscriptionId,
        metadata: {},
      },
      { created: now() - 30 }
    )
    await deliver(client, checkout).then((response) => response.assertStatus(200))
    assert.equal((await settled(checkout.id)).status, 'processed')
    let subscription = await subscriptionOf(store)
    assert.equal(subscription.stripeCustomerId, customer)
    assert.equal(subscription.stripeSubscriptionId, subscriptionId)
    assert.equal(subscription.plan.code, 'free', 'a checkout alone changes no plan')

    const failed = stripeEvent('invoice.payment_failed', invoiceObject(customer, subscriptionId), {
      created: now() - 20,
    })
    await deliver(client, failed)
    assert.equal((await settled(failed.id)).status, 'processed')
    subscription = await subscriptionOf(store)
    assert.equal(subscription.status, 'past_due')

    const paid = stripeEvent('invoice.paid', invoiceObject(customer, null), {
      created: now() - 10,
    })
    await deliver(client, paid)
    assert.equal((await settled(paid.id)).status, 'processed')
    subscription = await subscriptionOf(store)
    assert.equal(subscription.status, 'active')
  })

  test('an event of a type billing does not handle is recorded and ignored', async ({
    client,
    assert,
  }) => {
    const event = stripeEvent('charge.refunded', { id: unique('ch_'), object: 'charge' })
    await deliver(client, event).then((response) => response.assertStatus(200))
    const row = await settled(event.id)
    assert.include(row, { status: 'ignored', last_error: null })
  })
})

test.group('Billing | duplicate and out-of-order deliveries', () => {
  test('a second delivery answers 200 and changes nothing', async ({ client, assert }) => {
    const { store, plan } = await freeStoreAndPlan()
    const event = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({ tenantId: store.id, priceId: plan.stripePriceId! })
    )
    await deliver(client, event).then((response) => response.assertStatus(200))
    const first = await settled(event.id)

    const again = await deliver(client, event)
    again.assertStatus(200)
    again.assertBodyContains({ received: true, duplicate: true })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const rows = await ledgerRows(event.id)
    assert.lengthOf(rows, 1)
    assert.include(rows[0], { id: first.id, status: 'processed', attempts: 1 })
  })

  test('the same event delivered five times at once is recorded and applied once', async ({
    client,
    assert,
  }) => {
    const { store, plan } = await freeStoreAndPlan()
    const event = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({ tenantId: store.id, priceId: plan.stripePriceId! })
    )
    const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(client, event)))
    assert.deepEqual(
      responses.map((response) => response.status()),
      [200, 200, 200, 200, 200]
    )
    assert.equal(responses.filter((response) => !response.body().duplicate).length, 1)
    const row = await settled(event.id)
    assert.include(row, { status: 'processed', attempts: 1 })
    assert.lengthOf(await ledgerRows(event.id), 1)
  })

  test('updated delivered before created: the newer state stays', async ({ client, assert }) => {
    const { store, plan, fields } = await freeStoreAndPlan()
    const created = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({ ...fields, status: 'incomplete' }),
      { created: now() - 100 }
    )
    const updated = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({ ...fields, status: 'active' }),
      { created: now() - 50 }
    )
    await deliver(client, updated)
    assert.equal((await settled(updated.id)).status, 'processed')
    await deliver(client, created)
    const late = await settled(created.id)
    assert.equal(late.status, 'ignored')

    const subscription = await subscriptionOf(store)
    assert.equal(subscription.status, 'active')
    assert.equal(subscription.plan.code, plan.code)
    assert.equal(subscription.lastEventCreatedAt?.toSeconds(), updated.created)
  })

  test('an old updated delivered after a newer one changes nothing', async ({ client, assert }) => {
    const { store, plan } = await freeStoreAndPlan()
    const other = await planWithStripePrice()
    const fields = { tenantId: store.id, id: unique('sub_') }
    const newer = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({ ...fields, priceId: plan.stripePriceId!, status: 'active' }),
      { created: now() - 10 }
    )
    const older = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({ ...fields, priceId: other.stripePriceId!, status: 'past_due' }),
      { created: now() - 300 }
    )
    await deliver(client, newer)
    await settled(newer.id)
    await deliver(client, older)
    assert.equal((await settled(older.id)).status, 'ignored')

    const subscription = await subscriptionOf(store)
    assert.equal(subscription.status, 'active')
    assert.equal(subscription.plan.code, plan.code)
  })
})

test.group('Billing | events arriving together', () => {
  test("a store's events delivered at once end on the newest, each applied once", async ({
    client,
    assert,
  }) => {
    const { store, plan, fields } = await freeStoreAndPlan()
    const states = [
      { status: 'incomplete', cancelAtPeriodEnd: false },
      { status: 'active', cancelAtPeriodEnd: false },
      { status: 'past_due', cancelAtPeriodEnd: false },
      { status: 'active', cancelAtPeriodEnd: true },
    ]
    const events = states.map((state, index) =>
      stripeEvent(
        index === 0 ? 'customer.subscription.created' : 'customer.subscription.updated',
        subscriptionObject({ ...fields, ...state }),
        { created: now() - 40 + index * 10 }
      )
    )
    // newest first, all at once: they are recorded and applied together
    const responses = await Promise.all(
      [...events].reverse().map((event) => deliver(client, event))
    )
    assert.deepEqual(
      responses.map((response) => response.status()),
      [200, 200, 200, 200]
    )
    for (const event of events) {
      const row = await settled(event.id)
      assert.oneOf(row.status, ['processed', 'ignored'])
      assert.equal(row.attempts, 1)
    }

    const subscription = await subscriptionOf(store)
    assert.equal(subscription.status, 'active')
    assert.isTrue(subscription.cancelAtPeriodEnd)
    assert.equal(subscription.plan.code, plan.code)
    assert.equal(subscription.lastEventCreatedAt?.toSeconds(), events[3].created)
  })

  test('an event the store cannot take fails alone; the events that came with it apply', async ({
    client,
    assert,
  }) => {
    const { store, plan } = await freeStoreAndPlan()
    const fields = { tenantId: store.id, id: unique('sub_') }
    const first = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({ ...fields, priceId: plan.stripePriceId! }),
      { created: now() - 30 }
    )
    const second = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({ ...fields, priceId: plan.stripePriceId!, cancelAtPeriodEnd: true }),
      { created: now() - 20 }
    )
    const unknownPrice = unique('price_')
    const newest = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({ ...fields, priceId: unknownPrice, status: 'past_due' }),
      { created: now() - 10 }
    )
    await Promise.all([first, second, newest].map((event) => deliver(client, event)))

    const failed = await settled(newest.id)
    assert.equal(failed.status, 'failed')
    assert.include(failed.last_error, `No plan has the Stripe price ${unknownPrice}`)
    assert.equal((await settled(second.id)).status, 'processed')
    assert.oneOf((await settled(first.id)).status, ['processed', 'ignored'])

    const subscription = await subscriptionOf(store)
    assert.equal(subscription.plan.code, plan.code)
    assert.equal(subscription.status, 'active')
    assert.isTrue(subscription.cancelAtPeriodEnd)
    assert.equal(subscription.lastEventCreatedAt?.toSeconds(), second.created)
  })
})

test.group('Billing | signatures', () => {
  test('a wrong signature is refused with 400 and nothing is recorded', async ({
    client,
    assert,
  }) => {
    const before = await ledgerCount()
    const event = stripeEvent('invoice.paid', invoiceObject(unique('cus_'), null))
    const response = await deliver(client, event, { secret: 'whsec_not_the_secret' })
    response.assertStatus(400)
    assert.match(response.body().errors[0].message, /Stripe-Signature/)
    assert.equal(await ledgerCount(), before)
  })

  test('a signature older than 300 seconds is refused and nothing is recorded', async ({
    client,
    assert,
  }) => {
    const before = await ledgerCount()
    const event = stripeEvent('invoice.paid', invoiceObject(unique('cus_'), null))
    const response = await deliver(client, event, { timestamp: now() - 301 })
    response.assertStatus(400)
    assert.equal(await ledgerCount(), before)
  })

  test('a body changed after signing is refused', async ({ client, assert }) => {
    const before = await ledgerCount()
    const event = stripeEvent('invoice.paid', invoiceObject(unique('cus_'), null))
    const { header } = await import('./support.js').then((support) => support.signed(event))
    const response = await client
      .post('/webhooks/stripe')
      .header('stripe-signature', header)
      .header('accept', 'application/json')
      .unsafeJson(JSON.stringify({ ...event, type: 'customer.subscription.deleted' }))
    response.assertStatus(400)
    assert.equal(await ledgerCount(), before)
  })

  test('a delivery without a signature is refused', async ({ client, assert }) => {
    const before = await ledgerCount()
    const response = await client
      .post('/webhooks/stripe')
      .header('accept', 'application/json')
      .json(stripeEvent('invoice.paid', {}))
    response.assertStatus(400)
    assert.equal(await ledgerCount(), before)
  })
})

test.group('Billing | failures and replay', () => {
  test('an unknown price fails with its reason; replayed once fixed, it applies exactly once', async ({
    client,
    assert,
  }) => {
    const { store, plan } = await freeStoreAndPlan()
    const price = unique('price_')
    const event = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({ tenantId: store.id, priceId: price })
    )
    await deliver(client, event).then((response) => response.assertStatus(200))
    const failed = await settled(event.id)
    assert.include(failed, { status: 'failed', attempts: 1 })
    assert.include(failed.last_error, price)
    assert.equal((await subscriptionOf(store)).plan.code, 'free', 'nothing half-applied')

    await new UpdatePlan().handle(plan.code, { stripePrice: price })
    const heard = await changesDuring(store.id, async () => {
      const replay = await runAce(BillingReplay, [event.id])
      replay.assertSucceeded()
      assert.include(logsOf(replay), 'processed')
      const again = await runAce(BillingReplay, [event.id])
      again.assertSucceeded()
      assert.include(logsOf(again), 'already processed')
    })

    const [row] = await ledgerRows(event.id)
    assert.include(row, { status: 'processed', attempts: 2, last_error: null })
    assert.equal((await subscriptionOf(store)).plan.code, plan.code)
    assert.lengthOf(heard, 1)
    assert.include(heard[0], {
      tenantId: store.id,
      planCode: plan.code,
      previousPlanCode: 'free',
      status: 'active',
      source: 'stripe',
    })
  })

  test('an event for no known store fails; replay --failed applies it once the customer is linked', async ({
    client,
    assert,
  }) => {
    const { store, plan } = await freeStoreAndPlan()
    const customer = unique('cus_')
    const event = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({ customer, priceId: plan.stripePriceId!, status: 'active' }),
      { created: now() - 30 }
    )
    await deliver(client, event)
    const failed = await settled(event.id)
    assert.equal(failed.status, 'failed')
    assert.include(failed.last_error, customer)

    const checkout = stripeEvent('checkout.session.completed', {
      id: unique('cs_'),
      object: 'checkout.session',
      client_reference_id: store.id,
      customer,
      subscription: unique('sub_'),
    })
    await deliver(client, checkout)
    assert.equal((await settled(checkout.id)).status, 'processed')

    const replay = await runAce(BillingReplay, ['--failed'])
    assert.include(logsOf(replay), `${event.id} (customer.subscription.updated) processed`)
    const [row] = await ledgerRows(event.id)
    assert.include(row, { status: 'processed', attempts: 2 })
    assert.equal((await subscriptionOf(store)).plan.code, plan.code)

    const again = await runAce(BillingReplay, [event.id])
    again.assertSucceeded()
    assert.equal((await ledgerRows(event.id))[0].attempts, 2)
  })

  test('a customer already linked to another store fails and links nothing', async ({
    client,
    assert,
  }) => {
    const first = await createStore({ plan: 'free' })
    const second = await createStore({ plan: 'free' })
    const customer = unique('cus_')
    const checkout = (tenantId: string) =>
      stripeEvent('checkout.session.completed', {
        id: unique('cs_'),
        object: 'checkout.session',
        client_reference_id: tenantId,
        customer,
        subscription: unique('sub_'),
      })
    const linked = checkout(first.store.id)
    await deliver(client, linked)
    assert.equal((await settled(linked.id)).status, 'processed')

    const clash = checkout(second.store.id)
    await deliver(client, clash)
    const row = await settled(clash.id)
    assert.equal(row.status, 'failed')
    assert.include(row.last_error, 'already linked to another store')
    assert.isNull((await subscriptionOf(second.store)).stripeCustomerId)
  })

  test('billing:replay refuses an unknown event id and a call without one', async () => {
    const unknown = await runAce(BillingReplay, ['evt_nothing_like_it'])
    unknown.assertFailed()
    unknown.assertLogMatches(/No recorded Stripe event evt_nothing_like_it/)
    const neither = await runAce(BillingReplay, [])
    neither.assertFailed()
    neither.assertLogMatches(/--failed/)
  })
})
