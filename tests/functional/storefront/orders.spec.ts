import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createStore, uniqueEmail } from '#tests/helpers'
import { atOnce, expectStatus, formAs, resetThrottle, statusesOf } from '../identity/support.js'
import { movementsOf, ordersOf, placeOrder, productFor, stockOf } from './orders_support.js'

const ORDERS = '/dashboard/orders'

/** The lookup's own per-address bucket, and the per-address-and-email ones of the test emails */
async function resetLookupThrottle() {
  for (const subject of ['any-address', '', 'finder@example.test', 'other@example.test', 'nope']) {
    await resetThrottle('orderLookup', subject)
  }
}

function activitiesOf(tenantId: string) {
  return db
    .connection('platform')
    .from('activities')
    .where('tenant_id', tenantId)
    .where('action', 'like', 'order.%')
    .orderBy('created_at', 'asc')
    .select('action', 'data', 'actor_user_id')
}

test.group('Orders | who may see and change them', () => {
  for (const role of ['owner', 'admin', 'finance', 'member'] as const) {
    test(`a ${role} sees the orders list and an order`, async ({ client, assert }) => {
      const fixture = await createStore()
      const { order } = await placeOrder(client, fixture, { email: 'buyer@example.test' })
      const list = await client.get(ORDERS).loginAs(fixture.members[role])
      list.assertStatus(200)
      assert.include(list.text(), 'Order #1')
      assert.include(list.text(), 'buyer@example.test')
      assert.match(list.text(), /href="\/dashboard\/orders"\s+aria-current="page"/)
      const detail = await client.get(`${ORDERS}/${order.id}`).loginAs(fixture.members[role])
      detail.assertStatus(200)
      assert.include(detail.text(), 'Block 3, Street 12, House 7')
      assert.equal(detail.text().includes('Mark as paid'), role !== 'finance')
    })
  }

  test('finance may read but not change an order (403), nothing written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order } = await placeOrder(client, fixture)
    const finance = fixture.members.finance
    await expectStatus(
      formAs(client, finance, 'put', `${ORDERS}/${order.id}/status`, { status: 'paid' }),
      403
    )
    await expectStatus(
      formAs(client, finance, 'put', `${ORDERS}/${order.id}/notes`, { notes: 'x' }),
      403
    )
    const [after] = await ordersOf(fixture)
    assert.equal(after.status, 'pending')
    assert.equal(after.notes, '')
  })

  test("another store's order is not found on every order route, and nothing changes", async ({
    client,
    assert,
  }) => {
    const victim = await createStore()
    const attacker = await createStore()
    const { order } = await placeOrder(client, victim, { email: 'secret-buyer@example.test' })
    const owner = attacker.owner
    for (const response of [
      await client.get(`${ORDERS}/${order.id}`).loginAs(owner),
      await formAs(client, owner, 'put', `${ORDERS}/${order.id}/status`, { status: 'cancelled' }),
      await formAs(client, owner, 'put', `${ORDERS}/${order.id}/notes`, { notes: 'mine now' }),
    ]) {
      response.assertStatus(404)
      assert.notInclude(response.text(), 'secret-buyer@example.test')
    }
    const list = await client.get(`${ORDERS}?q=secret-buyer`).loginAs(owner)
    assert.notInclude(list.text(), 'secret-buyer@example.test')
    const [after] = await ordersOf(victim)
    assert.equal(after.status, 'pending')
    assert.equal(after.notes, '')
  })
})

test.group('Orders | the list', () => {
  test('filters by status, searches by number or email, and pages', async ({ client, assert }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { stock: 100, price: 500n })
    const emails: string[] = []
    for (let index = 0; index < 23; index++) {
      const email = uniqueEmail(`buyer${index}`)
      emails.push(email)
      await placeOrder(client, fixture, { variantId, email })
    }
    const orders = await ordersOf(fixture)
    await formAs(client, fixture.owner, 'put', `${ORDERS}/${orders[4].id}/status`, {
      status: 'paid',
    })

    const first = await client.get(ORDERS).loginAs(fixture.owner)
    assert.include(first.text(), 'Order #23')
    assert.notMatch(first.text(), /Order #3\s*</)
    const second = await client.get(`${ORDERS}?page=2`).loginAs(fixture.owner)
    assert.match(second.text(), /Order #3\s*</)

    const paid = await client.get(`${ORDERS}?status=paid`).loginAs(fixture.owner)
    assert.match(paid.text(), /Order #5\s*</)
    assert.notMatch(paid.text(), /Order #6\s*</)

    const byNumber = await client.get(`${ORDERS}?q=%2312`).loginAs(fixture.owner)
    assert.match(byNumber.text(), /Order #12\s*</)
    assert.notMatch(byNumber.text(), /Order #11\s*</)
    const byEmail = await client
      .get(`${ORDERS}?q=${encodeURIComponent(emails[7])}`)
      .loginAs(fixture.owner)
    assert.match(byEmail.text(), /Order #8\s*</)
    assert.notMatch(byEmail.text(), /Order #9\s*</)

    const fragment = await client
      .get(`${ORDERS}?status=paid`)
      .header('hx-request', 'true')
      .header('hx-target', 'orders')
      .loginAs(fixture.owner)
    assert.notInclude(fragment.text(), '<html')
    assert.match(fragment.text(), /Order #5\s*</)
  }).timeout(120_000)

  test('odd list parameters fall back to the defaults', async ({ client, assert }) => {
    const empty = await createStore()
    const fixture = await createStore()
    await placeOrder(client, fixture)
    for (const store of [empty, fixture]) {
      for (const query of [
        'page=%E2%80%AEx&to=x&lang=zz',
        'sort=evil&dir=up&status=lost',
        'q=%25%5F',
        'perPage=7',
        'page=99999999999',
      ]) {
        const list = await client.get(`${ORDERS}?${query}`).loginAs(store.owner)
        assert.equal(list.status(), 200, query)
      }
    }
  })

  test('a store without orders says so', async ({ client, assert }) => {
    const fixture = await createStore()
    const list = await client.get(ORDERS).loginAs(fixture.owner)
    list.assertStatus(200)
    assert.include(list.text(), 'No orders yet')
  })
})

test.group('Orders | the status flow', () => {
  test('pending → paid → fulfilled → refunded, each change in the activity log', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order, variantId } = await placeOrder(client, fixture, { quantity: 2 })
    for (const status of ['paid', 'fulfilled', 'refunded']) {
      const response = await formAs(
        client,
        fixture.members.member,
        'put',
        `${ORDERS}/${order.id}/status`,
        {
          status,
        }
      )
      response.assertStatus(302)
      response.assertHeader('location', `${ORDERS}/${order.id}`)
    }
    const [after] = await ordersOf(fixture)
    assert.equal(after.status, 'refunded')
    assert.isNotNull(after.paid_at)
    assert.isNotNull(after.fulfilled_at)
    assert.isNotNull(after.refunded_at)
    assert.isFalse(after.stock_returned, 'a fulfilled order has left: its stock does not come back')
    assert.equal(await stockOf(fixture, variantId), 18)
    const actions = (await activitiesOf(fixture.store.id)).map(
      (row: { action: string }) => row.action
    )
    assert.deepEqual(actions, ['order.placed', 'order.paid', 'order.fulfilled', 'order.refunded'])

    const activity = await client.get('/dashboard/activity').loginAs(fixture.owner)
    assert.include(activity.text(), 'A shopper placed order #1')
    assert.include(activity.text(), 'marked order #1 as fulfilled')
  })

  test('refused transitions: 422 with a message, nothing changes', async ({ client, assert }) => {
    const fixture = await createStore()
    const { order } = await placeOrder(client, fixture)
    const url = `${ORDERS}/${order.id}/status`
    let response = await formAs(client, fixture.owner, 'put', url, { status: 'fulfilled' })
    response.assertStatus(422)
    assert.include(response.text(), 'An order that is Pending cannot become Fulfilled.')
    await formAs(client, fixture.owner, 'put', url, { status: 'paid' })
    await formAs(client, fixture.owner, 'put', url, { status: 'fulfilled' })
    response = await formAs(client, fixture.owner, 'put', url, { status: 'pending' })
    response.assertStatus(422)
    assert.include(response.text(), 'An order that is Fulfilled cannot become Pending.')
    response = await formAs(client, fixture.owner, 'put', url, { status: 'cancelled' })
    response.assertStatus(422)
    for (const bad of ['shipped', '', 'PAID']) {
      response = await formAs(client, fixture.owner, 'put', url, { status: bad })
      response.assertStatus(422)
      assert.include(response.text(), 'Choose one of the statuses offered')
    }
    const json = await client
      .put(url)
      .header('accept', 'application/json')
      .json({ status: 'pending' })
      .loginAs(fixture.owner)
      .withCsrfToken()
    json.assertStatus(409)
    assert.equal(json.body().errors[0].field, 'status')
    const [after] = await ordersOf(fixture)
    assert.equal(after.status, 'fulfilled')
  })

  test('cancelling puts the stock back, once, even when two members cancel at once', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order, variantId } = await placeOrder(client, fixture, { quantity: 3 })
    assert.equal(await stockOf(fixture, variantId), 17)
    const cancellers = [fixture.owner, fixture.members.admin, fixture.members.member, fixture.owner]
    const responses = await atOnce(cancellers.length, (index) =>
      formAs(client, cancellers[index], 'put', `${ORDERS}/${order.id}/status`, {
        status: 'cancelled',
      })
    )
    assert.deepEqual(statusesOf(responses), [302, 422, 422, 422])
    const refused = responses.find((response) => response.status() === 422)!
    assert.include(refused.text(), 'This order is already Cancelled.')
    assert.equal(await stockOf(fixture, variantId), 20)
    const returns = (await movementsOf(fixture, variantId)).filter(
      (movement: { reason: string }) => movement.reason === 'cancellation'
    )
    assert.lengthOf(returns, 1)
    assert.equal(returns[0].delta, 3)
    const [after] = await ordersOf(fixture)
    assert.equal(after.status, 'cancelled')
    assert.isTrue(after.stock_returned)
    const actions = (await activitiesOf(fixture.store.id)).map(
      (row: { action: string }) => row.action
    )
    assert.deepEqual(actions, ['order.placed', 'order.cancelled'])
  })

  test('a paid order not yet fulfilled that is refunded gets its stock back', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order, variantId } = await placeOrder(client, fixture, { quantity: 2 })
    await formAs(client, fixture.owner, 'put', `${ORDERS}/${order.id}/status`, { status: 'paid' })
    await formAs(client, fixture.owner, 'put', `${ORDERS}/${order.id}/status`, {
      status: 'refunded',
    })
    assert.equal(await stockOf(fixture, variantId), 20)
  })
})

test.group('Orders | notes', () => {
  test('the team keeps notes on an order; too long is refused beside the field', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order } = await placeOrder(client, fixture)
    const url = `${ORDERS}/${order.id}/notes`
    const saved = await formAs(client, fixture.members.member, 'put', url, {
      notes: 'Call before delivery',
    })
    saved.assertStatus(302)
    const detail = await client.get(`${ORDERS}/${order.id}`).loginAs(fixture.owner)
    assert.include(detail.text(), 'Call before delivery')
    const tooLong = await formAs(client, fixture.owner, 'put', url, { notes: 'x'.repeat(5001) })
    tooLong.assertStatus(422)
    assert.include(tooLong.text(), 'Notes can have at most 5,000 characters')
    const [after] = await ordersOf(fixture)
    assert.equal(after.notes, 'Call before delivery')
    const actions = (await activitiesOf(fixture.store.id)).map(
      (row: { action: string }) => row.action
    )
    assert.include(actions, 'order.notes_changed')
  })
})

test.group('Orders | the shopper finds an order', () => {
  test('email and order number open the order; anything else gets one same answer', async ({
    client,
    assert,
  }) => {
    await resetLookupThrottle()
    const fixture = await createStore()
    await placeOrder(client, fixture, { email: 'Finder@Example.test' })
    const lookup = `/s/${fixture.store.slug}/orders/lookup`
    const page = await client.get(lookup)
    page.assertStatus(200)
    assert.include(page.text(), 'Find your order')

    const found = await client.post(lookup).form({ email: 'finder@example.test', orderNumber: '1' })
    found.assertStatus(200)
    assert.include(found.text(), 'Order #1')
    assert.include(found.text(), 'Block 3, Street 12, House 7')

    const wrongEmail = await client
      .post(lookup)
      .form({ email: 'other@example.test', orderNumber: '1' })
    const wrongNumber = await client
      .post(lookup)
      .form({ email: 'finder@example.test', orderNumber: '2' })
    for (const response of [wrongEmail, wrongNumber]) {
      response.assertStatus(422)
      assert.include(response.text(), 'No order matches this email address and order number.')
      assert.notInclude(response.text(), 'Block 3')
    }
    const bad = await client.post(lookup).form({ email: 'nope', orderNumber: 'abc' })
    bad.assertStatus(422)
    assert.include(bad.text(), 'Enter the order number from your confirmation')
  })

  test('the lookup is rate-limited', async ({ client, assert }) => {
    await resetLookupThrottle()
    const fixture = await createStore()
    const lookup = `/s/${fixture.store.slug}/orders/lookup`
    const statuses: number[] = []
    for (let index = 0; index < 12; index++) {
      const response = await client
        .post(lookup)
        .form({ email: `guess${index}@example.test`, orderNumber: String(index + 1) })
      statuses.push(response.status())
      if (response.status() === 429) {
        assert.include(response.text(), 'Too many')
      }
    }
    assert.include(statuses, 429)
    await resetLookupThrottle()
  })
})

test.group('Orders | shipping and tax settings', () => {
  test('an owner sets a flat shipping rate and VAT included; checkouts use them', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const saved = await formAs(client, fixture.owner, 'put', `${ORDERS}/settings`, {
      shipping: '2.50',
      taxRate: '5',
      pricesIncludeTax: '1',
    })
    saved.assertStatus(302)
    const page = await client.get(`${ORDERS}/settings`).loginAs(fixture.members.admin)
    page.assertStatus(200)
    assert.include(page.text(), 'value="2.50"')
    assert.include(page.text(), 'value="5"')
    const { order } = await placeOrder(client, fixture)
    assert.equal(order.shipping_amount, '250')
    assert.equal(order.tax_rate_bp, 500)
    assert.isTrue(order.prices_include_tax)
    // 10.00 + 2.50 with 5 % inside: 12.50 - 12.50 / 1.05 = 0.595… → 0.60
    assert.equal(order.total_amount, '1250')
    assert.equal(order.tax_amount, '60')
    const actions = (await activitiesOf(fixture.store.id)).map(
      (row: { action: string }) => row.action
    )
    assert.include(actions, 'order.checkout_settings_changed')
  })

  test('the settings form sends one value per field, so switching VAT on and off both save', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const page = await client.get(`${ORDERS}/settings`).loginAs(fixture.owner)
    assert.lengthOf(page.text().match(/name="pricesIncludeTax"/g) ?? [], 1)

    const on = { shipping: '0', taxRate: '5', pricesIncludeTax: '1' }
    ;(await formAs(client, fixture.owner, 'put', `${ORDERS}/settings`, on)).assertStatus(302)
    const checked = await client.get(`${ORDERS}/settings`).loginAs(fixture.owner)
    assert.match(checked.text(), /name="pricesIncludeTax"[^>]*checked/)

    const off = { shipping: '0', taxRate: '5' }
    ;(await formAs(client, fixture.owner, 'put', `${ORDERS}/settings`, off)).assertStatus(302)
    const unchecked = await client.get(`${ORDERS}/settings`).loginAs(fixture.owner)
    assert.notMatch(unchecked.text(), /name="pricesIncludeTax"[^>]*checked/)
  })

  test('bad settings: 422 beside the field, nothing saved; finance and members may not (403)', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    for (const [form, message] of [
      [{ shipping: 'free', taxRate: '5' }, 'Enter the shipping rate as an amount'],
      [{ shipping: '-1', taxRate: '5' }, 'Enter the shipping rate as an amount'],
      [{ shipping: '1.005', taxRate: '5' }, 'Enter the shipping rate as an amount'],
      [{ shipping: '1', taxRate: '101' }, 'Enter the tax rate as a percentage from 0 to 100'],
      [{ shipping: '1', taxRate: 'five' }, 'Enter the tax rate as a percentage from 0 to 100'],
      [{ shipping: '1', taxRate: '5.125' }, 'Enter the tax rate as a percentage from 0 to 100'],
    ] as const) {
      const response = await formAs(client, fixture.owner, 'put', `${ORDERS}/settings`, form)
      assert.equal(response.status(), 422, JSON.stringify(form))
      assert.include(response.text(), message)
    }
    for (const role of ['finance', 'member'] as const) {
      await expectStatus(client.get(`${ORDERS}/settings`).loginAs(fixture.members[role]), 403)
      await expectStatus(
        formAs(client, fixture.members[role], 'put', `${ORDERS}/settings`, {
          shipping: '1',
          taxRate: '5',
        }),
        403
      )
    }
    const rows = await db
      .connection('platform')
      .from('storefront_settings')
      .where('tenant_id', fixture.store.id)
    assert.lengthOf(rows, 0)
  })
})
