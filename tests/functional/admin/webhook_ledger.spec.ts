import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type { EventsList } from '@adonisjs/core/types'
import { randomUUID } from 'node:crypto'
import { UpdatePlan } from '#billing/operations/save_plan'
import type { User } from '#identity/mod'
import { createStore, createUser, unique, uniqueEmail } from '#tests/helpers'
import { atOnce, expectStatus, formAs } from '#tests/functional/identity/support'
import {
  deliver,
  ledgerRows,
  planWithStripePrice,
  settled,
  stripeEvent,
  subscriptionObject,
  subscriptionOf,
} from '#tests/functional/billing/support'

async function platformAdmin() {
  const user = await createUser(uniqueEmail('ledger-admin'))
  user.isPlatformAdmin = true
  await user.save()
  return user
}

interface LedgerRowFields {
  provider?: string
  type?: string
  status?: 'received' | 'processed' | 'failed' | 'ignored'
  receivedAt?: string
  payload?: Record<string, unknown>
  lastError?: string | null
}

/** A ledger row written as the webhook endpoint writes one, with its id */
async function ledgerRow(eventId: string, fields: LedgerRowFields = {}) {
  const [row] = await db
    .table('webhook_events')
    .insert({
      provider: fields.provider ?? 'stripe',
      event_id: eventId,
      type: fields.type ?? 'invoice.paid',
      payload: JSON.stringify(fields.payload ?? { id: eventId }),
      status: fields.status ?? 'processed',
      last_error: fields.lastError ?? null,
      ...(fields.receivedAt ? { received_at: fields.receivedAt } : {}),
    })
    .returning('id')
  return row.id as string
}

/** The ledger page as `admin` with `query`, and the event ids it lists */
async function ledgerPage(client: any, admin: User, query: Record<string, string>) {
  const response = await client.get('/admin/webhook-events').qs(query).loginAs(admin)
  response.assertStatus(200)
  const ids = [...response.text().matchAll(/<code>(evt_[^<]+)<\/code>/g)].map((m) => m[1])
  return { response, ids }
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

/** A Stripe event for `store` whose price no plan has: it fails, with the price in its error */
async function failedEvent(client: any) {
  const { store } = await createStore({ plan: 'free' })
  const price = unique('price_')
  const event = stripeEvent(
    'customer.subscription.created',
    subscriptionObject({ tenantId: store.id, priceId: price })
  )
  ;(await deliver(client, event)).assertStatus(200)
  const row = await settled(event.id)
  if (row?.status !== 'failed') throw new Error(`expected a failed event, got ${row?.status}`)
  return { store, price, event, ledgerId: row.id as string }
}

function replay(client: any, actor: User, ledgerId: string) {
  return formAs(client, actor, 'post', `/admin/webhook-events/${ledgerId}/replays`)
}

test.group('Admin | webhook ledger: who may see it', () => {
  test('a store owner who is not a platform admin gets 404 and replays nothing', async ({
    client,
    assert,
  }) => {
    const { owner } = await createStore({ plan: 'free' })
    const id = await ledgerRow(unique('evt_'), { status: 'failed', lastError: 'boom' })
    await expectStatus(client.get('/admin/webhook-events').loginAs(owner), 404)
    await expectStatus(client.get(`/admin/webhook-events/${id}`).loginAs(owner), 404)
    await expectStatus(replay(client, owner, id), 404)
    const [row] = await db.from('webhook_events').where('id', id)
    assert.include(row, { status: 'failed', attempts: 0 })
  })

  test('signed out, the ledger is not reachable', async ({ client, assert }) => {
    const response = await client.get('/admin/webhook-events').redirects(0)
    assert.include([302, 303, 401, 404], response.status())
  })
})

test.group('Admin | webhook ledger: list and filters', () => {
  test('lists events newest first and filters by status, type, event id and provider', async ({
    client,
    assert,
  }) => {
    const admin = await platformAdmin()
    const run = unique('evt_')
    const failed = `${run}_failed`
    const processed = `${run}_processed`
    const ignored = `${run}_ignored`
    const other = `${run}_other`
    await ledgerRow(failed, { status: 'failed', type: 'customer.subscription.updated' })
    await ledgerRow(processed, { status: 'processed', type: 'invoice.paid' })
    await ledgerRow(ignored, { status: 'ignored', type: 'charge.refunded' })
    await ledgerRow(other, { provider: 'testpay', status: 'failed', type: 'invoice.paid' })

    const all = await ledgerPage(client, admin, { q: run })
    assert.sameMembers(all.ids, [failed, processed, ignored, other])
    assert.equal(all.ids[0], other, 'newest first')

    assert.deepEqual((await ledgerPage(client, admin, { q: run, status: 'failed' })).ids, [
      other,
      failed,
    ])
    assert.deepEqual(
      (await ledgerPage(client, admin, { q: run, type: 'customer.subscription.' })).ids,
      [failed]
    )
    assert.deepEqual((await ledgerPage(client, admin, { q: run, provider: 'testpay' })).ids, [
      other,
    ])
    assert.deepEqual(
      (await ledgerPage(client, admin, { q: run, status: 'failed', provider: 'stripe' })).ids,
      [failed]
    )
    assert.deepEqual((await ledgerPage(client, admin, { q: `${run}_proc` })).ids, [processed])
    const none = await ledgerPage(client, admin, { q: `${run}_nothing` })
    assert.deepEqual(none.ids, [])
    none.response.assertTextIncludes('No rows match these filters')
  })

  test('filters by the day received, both ends included', async ({ client, assert }) => {
    const admin = await platformAdmin()
    const run = unique('evt_')
    await ledgerRow(`${run}_jan1`, { receivedAt: '2021-01-01T00:00:00Z' })
    await ledgerRow(`${run}_jan5`, { receivedAt: '2021-01-05T23:59:59Z' })
    await ledgerRow(`${run}_jan6`, { receivedAt: '2021-01-06T00:00:00Z' })
    const range = await ledgerPage(client, admin, { q: run, from: '2021-01-02', to: '2021-01-05' })
    assert.deepEqual(range.ids, [`${run}_jan5`])
    const since = await ledgerPage(client, admin, { q: run, from: '2021-01-05' })
    assert.deepEqual(since.ids, [`${run}_jan6`, `${run}_jan5`])
    const until = await ledgerPage(client, admin, { q: run, to: '2021-01-01' })
    assert.deepEqual(until.ids, [`${run}_jan1`])
  })

  test('pages through the ledger 20 at a time', async ({ client, assert }) => {
    const admin = await platformAdmin()
    const run = unique('evt_')
    for (let index = 0; index < 23; index++) {
      const second = String(index).padStart(2, '0')
      await ledgerRow(`${run}_${second}`, { receivedAt: `2022-03-01T00:00:${second}Z` })
    }
    const first = await ledgerPage(client, admin, { q: run, perPage: '20' })
    assert.lengthOf(first.ids, 20)
    assert.equal(first.ids[0], `${run}_22`)
    const second = await ledgerPage(client, admin, { q: run, perPage: '20', page: '2' })
    assert.deepEqual(second.ids, [`${run}_02`, `${run}_01`, `${run}_00`])
    // a page past the end shows the last one
    const past = await ledgerPage(client, admin, { q: run, perPage: '20', page: '99' })
    assert.deepEqual(past.ids, second.ids)
  })

  test('filter values that are not allowed are ignored, never a 500', async ({
    client,
    assert,
  }) => {
    const admin = await platformAdmin()
    const run = unique('evt_')
    await ledgerRow(`${run}_a`, { status: 'failed' })
    const odd: Record<string, string>[] = [
      { status: 'exploded' },
      { from: '2021-13-45' },
      { to: 'yesterday' },
      { from: "2021-01-01' OR 1=1 --" },
      { page: '-3' },
      { page: '1e9' },
      { perPage: '100000' },
      { provider: 'x'.repeat(500) },
      { type: '%_\\' },
    ]
    for (const query of odd) {
      const { ids } = await ledgerPage(client, admin, { q: run, ...query })
      const expected = query.type ? [] : [`${run}_a`]
      assert.deepEqual(ids, expected, JSON.stringify(query))
    }
    // a LIKE wildcard in the search is taken literally
    assert.deepEqual((await ledgerPage(client, admin, { q: `${run}%` })).ids, [])
  })
})

test.group('Admin | webhook ledger: one event', () => {
  test('shows the payload as escaped, indented JSON and the last error', async ({
    client,
    assert,
  }) => {
    const admin = await platformAdmin()
    const eventId = unique('evt_')
    const id = await ledgerRow(eventId, {
      status: 'failed',
      lastError: 'No plan has the Stripe price <price_x>',
      payload: { id: eventId, note: '<script>alert(1)</script>' },
    })
    const response = await client.get(`/admin/webhook-events/${id}`).loginAs(admin)
    response.assertStatus(200)
    const html = response.text()
    assert.notInclude(html, '<script>alert(1)</script>')
    assert.include(html, '&quot;note&quot;: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;')
    assert.include(html, 'No plan has the Stripe price &lt;price_x&gt;')
    assert.include(html, `/admin/webhook-events/${id}/replays`)
  })

  test('an unknown or malformed id is 404', async ({ client }) => {
    const admin = await platformAdmin()
    await expectStatus(client.get(`/admin/webhook-events/${randomUUID()}`).loginAs(admin), 404)
    await expectStatus(client.get('/admin/webhook-events/not-a-uuid').loginAs(admin), 404)
    await expectStatus(replay(client, admin, randomUUID()), 404)
    await expectStatus(replay(client, admin, "1' OR 1=1"), 404)
  })

  test('a processed event offers no replay', async ({ client, assert }) => {
    const admin = await platformAdmin()
    const id = await ledgerRow(unique('evt_'), { status: 'processed' })
    const response = await client.get(`/admin/webhook-events/${id}`).loginAs(admin)
    response.assertStatus(200)
    assert.notInclude(response.text(), `/admin/webhook-events/${id}/replays`)
  })
})

test.group('Admin | webhook ledger: replay', () => {
  test('replaying a failed event once its cause is fixed applies it; a second replay changes nothing', async ({
    client,
    assert,
  }) => {
    const admin = await platformAdmin()
    const { store, price, event, ledgerId } = await failedEvent(client)
    const plan = await planWithStripePrice()
    const startingPlan = (await subscriptionOf(store)).plan.code

    // still broken: the replay fails again, with its reason, and nothing is applied
    const early = await replay(client, admin, ledgerId)
    assert.include([302, 303], early.status())
    assert.include((await ledgerRows(event.id))[0], { status: 'failed', attempts: 2 })
    assert.equal((await subscriptionOf(store)).plan.code, startingPlan)

    await new UpdatePlan().handle(plan.code, { stripePrice: price })
    const heard = await changesDuring(store.id, async () => {
      const first = await replay(client, admin, ledgerId)
      assert.include([302, 303], first.status())
      assert.equal(first.header('location'), `/admin/webhook-events/${ledgerId}`)
      const second = await replay(client, admin, ledgerId)
      assert.include([302, 303], second.status())
    })
    const [row] = await ledgerRows(event.id)
    assert.include(row, { status: 'processed', attempts: 3, last_error: null })
    assert.equal((await subscriptionOf(store)).plan.code, plan.code)
    assert.lengthOf(heard, 1)

    const page = await client.get(`/admin/webhook-events/${ledgerId}`).loginAs(admin)
    page.assertTextIncludes('Processed')
    assert.notInclude(page.text(), `/admin/webhook-events/${ledgerId}/replays`)
  })

  test('five replays of one failed event at once apply it once', async ({ client, assert }) => {
    const admin = await platformAdmin()
    const { store, price, event, ledgerId } = await failedEvent(client)
    const plan = await planWithStripePrice()
    await new UpdatePlan().handle(plan.code, { stripePrice: price })
    const heard = await changesDuring(store.id, async () => {
      const responses = await atOnce(5, () => replay(client, admin, ledgerId))
      for (const response of responses) assert.include([302, 303], response.status())
    })
    assert.lengthOf(heard, 1)
    const [row] = await ledgerRows(event.id)
    assert.include(row, { status: 'processed', attempts: 2 })
    assert.equal((await subscriptionOf(store)).plan.code, plan.code)
  })

  test('the flash says what the replay did', async ({ client, assert }) => {
    const admin = await platformAdmin()
    const { price, ledgerId } = await failedEvent(client)
    const again = await client
      .post(`/admin/webhook-events/${ledgerId}/replays`)
      .loginAs(admin)
      .withCsrfToken()
    again.assertStatus(200)
    again.assertTextIncludes('failed again')
    again.assertTextIncludes(price)

    const processedId = await ledgerRow(unique('evt_'), { status: 'processed' })
    const done = await client
      .post(`/admin/webhook-events/${processedId}/replays`)
      .loginAs(admin)
      .withCsrfToken()
    done.assertStatus(200)
    done.assertTextIncludes('already processed')
    const [row] = await db.from('webhook_events').where('id', processedId)
    assert.equal(row.attempts, 0)
  })

  test('a replay without its CSRF token changes nothing', async ({ client, assert }) => {
    const admin = await platformAdmin()
    const id = await ledgerRow(unique('evt_'), { status: 'failed', lastError: 'x' })
    const response = await client
      .post(`/admin/webhook-events/${id}/replays`)
      .loginAs(admin)
      .redirects(0)
    assert.notEqual(response.status(), 200)
    const [row] = await db.from('webhook_events').where('id', id)
    assert.include(row, { status: 'failed', attempts: 0 })
  })
})
