import { test } from '@japa/runner'
import { Membership, issueApiToken, type TokenAbility, type User } from '#identity/mod'
import { currentClient, withTenant, type TenantSnapshot } from '#tenancy/mod'
import { createStore, type TestStore } from '#tests/helpers'
import { atOnce, statusesOf } from '../identity/support.js'
import {
  movementsOf,
  ordersOf,
  placeOrder,
  productFor,
  setCheckout,
  stockOf,
  useCurrency,
} from './orders_support.js'

const ORDERS = '/api/v1/orders'

async function tokenFor(store: TenantSnapshot, user: User, abilities: TokenAbility[]) {
  return withTenant(store, async () => {
    const membership = await Membership.findByOrFail('userId', user.id)
    const { plain } = await issueApiToken(membership, { name: 'integration', abilities })
    return plain
  })
}

function api(
  client: any,
  method: 'get' | 'put',
  url: string,
  token: string,
  body?: object | string
) {
  const request = client[method](url).header('authorization', `Bearer ${token}`)
  if (typeof body === 'string') return request.unsafeJson(body)
  return body ? request.json(body) : request
}

const readWrite: TokenAbility[] = ['orders:read', 'orders:write']

async function orderRow(fixture: TestStore, id: string) {
  return (await ordersOf(fixture)).find((row: { id: string }) => row.id === id)
}

test.group('Orders API | reading', () => {
  test('lists orders newest first with their totals as exact amounts', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await useCurrency(fixture, 'KWD')
    await setCheckout(fixture, { shippingAmount: 0n, taxRateBp: 0 })
    const variantId = await productFor(fixture, { stock: 20, price: 12345n })
    const { order: first } = await placeOrder(client, fixture, {
      variantId,
      email: 'a@example.test',
    })
    const { order: second } = await placeOrder(client, fixture, { variantId, quantity: 2 })
    const token = await tokenFor(fixture.store, fixture.owner, ['orders:read'])

    const response = await api(client, 'get', ORDERS, token)
    response.assertStatus(200)
    const { data, nextCursor } = response.body()
    assert.deepEqual(
      data.map((row: any) => row.id),
      [second.id, first.id]
    )
    assert.isNull(nextCursor)
    assert.equal(data[1].number, first.number)
    assert.equal(data[1].status, 'pending')
    assert.equal(data[1].email, 'a@example.test')
    assert.deepEqual(data[1].total, { amount: 12345, currency: 'KWD', decimal: '12.345' })
    assert.deepEqual(data[0].total, { amount: 24690, currency: 'KWD', decimal: '24.690' })
    assert.include(response.header('cache-control'), 'no-store')
  })

  test('shows an order with its lines, totals, tax rate, shipping and status history', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await setCheckout(fixture, { shippingAmount: 250n, taxRateBp: 500, pricesIncludeTax: false })
    const variantId = await productFor(fixture, { title: 'Oud Oil', stock: 20, price: 1000n })
    const { order } = await placeOrder(client, fixture, { variantId, quantity: 2 })
    const token = await tokenFor(fixture.store, fixture.owner, readWrite)
    await api(client, 'put', `${ORDERS}/${order.id}/status`, token, { status: 'paid' }).then(
      (response: any) => response.assertStatus(200)
    )

    const response = await api(client, 'get', `${ORDERS}/${order.id}`, token)
    response.assertStatus(200)
    const shown = response.body().data
    assert.equal(shown.id, order.id)
    assert.equal(shown.status, 'paid')
    assert.lengthOf(shown.lines, 1)
    assert.equal(shown.lines[0].title, 'Oud Oil')
    assert.equal(shown.lines[0].variantId, variantId)
    assert.equal(shown.lines[0].quantity, 2)
    assert.deepEqual(shown.lines[0].unitPrice, { amount: 1000, currency: 'USD', decimal: '10.00' })
    assert.deepEqual(shown.lines[0].lineTotal, { amount: 2000, currency: 'USD', decimal: '20.00' })
    assert.deepEqual(shown.subtotal, { amount: 2000, currency: 'USD', decimal: '20.00' })
    assert.deepEqual(shown.shipping, { amount: 250, currency: 'USD', decimal: '2.50' })
    assert.equal(shown.tax.rateBp, 500)
    assert.isFalse(shown.tax.included)
    const row = await orderRow(fixture, order.id)
    assert.isAbove(shown.tax.amount, 0)
    assert.equal(shown.tax.amount, Number(row.tax_amount))
    assert.equal(shown.total.amount, 2000 + 250 + shown.tax.amount)
    assert.equal(shown.total.amount, Number(row.total_amount))
    assert.isNull(shown.discount)
    assert.equal(shown.shippingAddress.city, 'Kuwait City')
    assert.deepEqual(
      shown.statusHistory.map((entry: any) => entry.status),
      ['pending', 'paid']
    )
    assert.sameMembers(shown.nextStatuses, ['fulfilled', 'cancelled', 'refunded'])
  })

  test('walks every order exactly once through cursors, rows of one microsecond included', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { stock: 50, price: 100n })
    for (let index = 0; index < 5; index++) await placeOrder(client, fixture, { variantId })
    await withTenant(fixture.store, () =>
      currentClient().rawQuery(`update orders set created_at = '2026-01-01T00:00:00.123456Z'`)
    )
    const token = await tokenFor(fixture.store, fixture.owner, ['orders:read'])

    const seen: number[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const url: string = `${ORDERS}?limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const response = await api(client, 'get', url, token)
      response.assertStatus(200)
      seen.push(...response.body().data.map((row: any) => row.number))
      cursor = response.body().nextCursor
      pages++
    } while (cursor && pages < 10)

    assert.equal(pages, 3)
    assert.sameMembers(seen, [1, 2, 3, 4, 5])
  })

  test('filters by status and by email, whatever its letter case', async ({ client, assert }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { stock: 20, price: 100n })
    const { order: sara } = await placeOrder(client, fixture, {
      variantId,
      email: 'Sara@Example.test',
    })
    const { order: omar } = await placeOrder(client, fixture, {
      variantId,
      email: 'omar@example.test',
    })
    const token = await tokenFor(fixture.store, fixture.owner, readWrite)
    await api(client, 'put', `${ORDERS}/${omar.id}/status`, token, { status: 'paid' })

    const paid = await api(client, 'get', `${ORDERS}?status=paid`, token)
    assert.deepEqual(
      paid.body().data.map((row: any) => row.id),
      [omar.id]
    )
    const pending = await api(client, 'get', `${ORDERS}?status=pending`, token)
    assert.deepEqual(
      pending.body().data.map((row: any) => row.id),
      [sara.id]
    )
    const byEmail = await api(client, 'get', `${ORDERS}?email=sara%40example.TEST`, token)
    assert.deepEqual(
      byEmail.body().data.map((row: any) => row.id),
      [sara.id]
    )
    const both = await api(
      client,
      'get',
      `${ORDERS}?email=omar%40example.test&status=pending`,
      token
    )
    assert.lengthOf(both.body().data, 0)
  })

  test('bad list parameters get 422 naming the parameter', async ({ client, assert }) => {
    const fixture = await createStore()
    const token = await tokenFor(fixture.store, fixture.owner, ['orders:read'])
    const cases: [string, string, RegExp][] = [
      ['status=shipped', 'status', /pending, paid, fulfilled, cancelled, refunded/],
      ['email=nobody', 'email', /email address/],
      ['email[]=a%40b.c', 'email', /email address/],
      ['limit=0', 'limit', /1 to 100/],
      ['limit=abc', 'limit', /1 to 100/],
      ['cursor=not-a-cursor', 'cursor', /cursor/],
    ]
    for (const [qs, field, message] of cases) {
      const response = await api(client, 'get', `${ORDERS}?${qs}`, token)
      response.assertStatus(422)
      const [error] = response.body().errors
      assert.equal(error.field, field, qs)
      assert.match(error.message, message, qs)
    }
  })

  test('an id that is not an order of the store is not found', async ({ client }) => {
    const fixture = await createStore()
    const token = await tokenFor(fixture.store, fixture.owner, readWrite)
    const missing = '00000000-0000-4000-8000-000000000000'
    ;(await api(client, 'get', `${ORDERS}/${missing}`, token)).assertStatus(404)
    ;(await api(client, 'get', `${ORDERS}/not-a-uuid`, token)).assertStatus(404)
    const status = { status: 'paid' }
    ;(await api(client, 'put', `${ORDERS}/${missing}/status`, token, status)).assertStatus(404)
  })
})

test.group('Orders API | changing', () => {
  test('pending → paid → fulfilled → refunded through PUT …/status, the history growing', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order, variantId } = await placeOrder(client, fixture, { quantity: 2 })
    const token = await tokenFor(fixture.store, fixture.members.member, readWrite)
    for (const status of ['paid', 'fulfilled', 'refunded']) {
      const response = await api(client, 'put', `${ORDERS}/${order.id}/status`, token, { status })
      response.assertStatus(200)
      assert.equal(response.body().data.status, status)
    }
    const shown = (await api(client, 'get', `${ORDERS}/${order.id}`, token)).body().data
    assert.deepEqual(
      shown.statusHistory.map((entry: any) => entry.status),
      ['pending', 'paid', 'fulfilled', 'refunded']
    )
    assert.deepEqual(shown.nextStatuses, [])
    // A fulfilled order has left: refunding it puts nothing back on the shelf
    assert.equal(await stockOf(fixture, variantId), 18)
    assert.isFalse(shown.stockReturned)
  })

  test('a move the flow does not allow is refused with 422 and changes nothing', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order } = await placeOrder(client, fixture)
    const token = await tokenFor(fixture.store, fixture.owner, readWrite)
    const url = `${ORDERS}/${order.id}/status`

    const fulfil = await api(client, 'put', url, token, { status: 'fulfilled' })
    fulfil.assertStatus(422)
    assert.deepEqual(fulfil.body().errors, [
      { field: 'status', message: 'An order that is Pending cannot become Fulfilled.' },
    ])
    const same = await api(client, 'put', url, token, { status: 'pending' })
    same.assertStatus(422)
    assert.equal(same.body().errors[0].message, 'This order is already Pending.')
    for (const body of [{ status: 'shipped' }, {}, { status: 3 }, { status: ['paid'] }]) {
      const response = await api(client, 'put', url, token, body)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'status', JSON.stringify(body))
    }
    const broken = await api(client, 'put', url, token, '{"status": ')
    assert.oneOf(broken.status(), [400, 422])
    assert.equal((await orderRow(fixture, order.id)).status, 'pending')
  })

  test('cancelling returns the stock once, even when four cancels arrive at once', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order, variantId } = await placeOrder(client, fixture, { quantity: 3 })
    assert.equal(await stockOf(fixture, variantId), 17)
    const token = await tokenFor(fixture.store, fixture.owner, readWrite)
    const responses = await atOnce(4, () =>
      api(client, 'put', `${ORDERS}/${order.id}/status`, token, { status: 'cancelled' })
    )
    assert.deepEqual(statusesOf(responses), [200, 422, 422, 422])
    assert.equal(await stockOf(fixture, variantId), 20)
    const returns = (await movementsOf(fixture, variantId)).filter(
      (movement: { reason: string }) => movement.reason === 'cancellation'
    )
    assert.lengthOf(returns, 1)
    const row = await orderRow(fixture, order.id)
    assert.equal(row.status, 'cancelled')
    assert.isTrue(row.stock_returned)
    const refund = await api(client, 'put', `${ORDERS}/${order.id}/status`, token, {
      status: 'refunded',
    })
    refund.assertStatus(422)
  })

  test('the team’s notes are written with PUT …/notes; bad notes are refused whole', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order } = await placeOrder(client, fixture)
    const token = await tokenFor(fixture.store, fixture.owner, readWrite)
    const url = `${ORDERS}/${order.id}/notes`

    const saved = await api(client, 'put', url, token, { notes: '  Call before delivery  ' })
    saved.assertStatus(200)
    assert.equal(saved.body().data.notes, 'Call before delivery')
    for (const body of [{}, { notes: 42 }, { notes: 'x'.repeat(5001) }, { notes: ['a'] }]) {
      const response = await api(client, 'put', url, token, body)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'notes', JSON.stringify(body).slice(0, 40))
    }
    assert.equal((await orderRow(fixture, order.id)).notes, 'Call before delivery')
    const cleared = await api(client, 'put', url, token, { notes: '' })
    cleared.assertStatus(200)
    assert.equal((await orderRow(fixture, order.id)).notes, '')
    await api(client, 'put', url, token, { notes: 'Again' })
    ;(await api(client, 'put', url, token, { notes: null })).assertStatus(200)
    assert.equal((await orderRow(fixture, order.id)).notes, '')
  })
})

/** Bodies as integrations get them wrong, written as sent on the wire */
const ODD_BODIES = [
  '{"status": "paid\\u0000", "notes": "before\\u0000after"}',
  '{"status": "\\ud800x", "notes": "\\udfffx"}',
  '{"status": {"key": "paid"}, "notes": {"key": "value"}}',
  '{"status": 1e308, "notes": -0}',
  '{"status": null, "notes": true}',
  `${'{"a":'.repeat(200)}1${'}'.repeat(200)}`,
  '"just a string"',
  '[1,2,3]',
  '{"status": "paid",',
  JSON.stringify({ status: 'paid'.repeat(10_000), notes: 'z'.repeat(2 * 1024 * 1024) }),
]

test.group('Orders API | odd bodies', () => {
  test('the write routes answer odd bodies with a 4xx and a message, never a 500, and change nothing', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order } = await placeOrder(client, fixture)
    const token = await tokenFor(fixture.store, fixture.owner, readWrite)
    const problems: string[] = []
    for (const route of ['status', 'notes']) {
      for (const body of ODD_BODIES) {
        const response = await api(client, 'put', `${ORDERS}/${order.id}/${route}`, token, body)
        const label = `${route} ← ${body.slice(0, 40)}`
        if (response.status() < 400 || response.status() >= 500) {
          problems.push(`${label}: ${response.status()}`)
        } else if (typeof response.body()?.errors?.[0]?.message !== 'string') {
          problems.push(`${label}: no {errors:[{message}]}`)
        }
      }
    }
    assert.deepEqual(problems, [])
    const row = await orderRow(fixture, order.id)
    assert.equal(row.status, 'pending')
    assert.equal(row.notes, '')
  })
})

test.group('Orders API | who may', () => {
  test('reading needs orders:read, writing orders:write; finance cannot hold it', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order } = await placeOrder(client, fixture)
    const storeOnly = await tokenFor(fixture.store, fixture.owner, ['store:read'])
    const reader = await tokenFor(fixture.store, fixture.owner, ['orders:read'])
    const status = `${ORDERS}/${order.id}/status`
    const notes = `${ORDERS}/${order.id}/notes`

    ;(await client.get(ORDERS)).assertStatus(401)
    ;(await client.get(ORDERS).header('authorization', 'Bearer nope')).assertStatus(401)
    ;(await api(client, 'get', ORDERS, storeOnly)).assertStatus(403)
    ;(await api(client, 'get', `${ORDERS}/${order.id}`, storeOnly)).assertStatus(403)
    ;(await api(client, 'put', status, reader, { status: 'paid' })).assertStatus(403)
    ;(await api(client, 'put', notes, reader, { notes: 'x' })).assertStatus(403)
    ;(await client.put(status).json({ status: 'paid' })).assertStatus(401)
    await assert.rejects(() => tokenFor(fixture.store, fixture.members.finance, ['orders:write']))
    const financeReader = await tokenFor(fixture.store, fixture.members.finance, ['orders:read'])
    ;(await api(client, 'get', ORDERS, financeReader)).assertStatus(200)
    const row = await orderRow(fixture, order.id)
    assert.equal(row.status, 'pending')
    assert.equal(row.notes, '')
  })

  test("another store's token sees none of this store's orders and gets 404 by id", async ({
    client,
    assert,
  }) => {
    const mine = await createStore()
    const theirs = await createStore()
    const { order } = await placeOrder(client, mine)
    const token = await tokenFor(theirs.store, theirs.owner, readWrite)

    assert.lengthOf((await api(client, 'get', ORDERS, token)).body().data, 0)
    ;(await api(client, 'get', `${ORDERS}/${order.id}`, token)).assertStatus(404)
    const status = `${ORDERS}/${order.id}/status`
    ;(await api(client, 'put', status, token, { status: 'cancelled' })).assertStatus(404)
    const notes = `${ORDERS}/${order.id}/notes`
    ;(await api(client, 'put', notes, token, { notes: 'theirs' })).assertStatus(404)
    const row = await orderRow(mine, order.id)
    assert.equal(row.status, 'pending')
    assert.equal(row.notes, '')
  })
})
