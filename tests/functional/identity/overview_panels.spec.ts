import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { clock } from '#core/mod'
import { currentClient, withTenant } from '#tenancy/mod'
import { createStore, type TestStore } from '#tests/helpers'
import { placeOrder, productFor } from '#tests/functional/storefront/orders_support'
import { seedProduct } from '#tests/functional/catalog/support'
import { expectStatus } from './support.js'

/** A Wednesday, so "this week" (from Monday, UTC) holds two earlier days */
const NOW = DateTime.fromISO('2026-12-02T15:00:00Z', { zone: 'utc' })

function overview(client: any, user: any, lang = 'en') {
  return expectStatus(client.get(`/dashboard?lang=${lang}`).loginAs(user).redirects(0), 200)
}

function panel(html: string, id: string) {
  const start = html.indexOf(`id="${id}"`)
  if (start < 0) throw new Error(`no panel ${id} in the overview`)
  return html.slice(start, html.indexOf('</section>', start))
}

/** The figure under `label` in the sales panel, as shown */
function figure(html: string, label: string) {
  const match = new RegExp(`${label}\\s*</p>\\s*<p class="stat-value">\\s*([^<]+?)\\s*<`).exec(html)
  if (!match) throw new Error(`no figure "${label}" in: ${html.slice(0, 2000)}`)
  return match[1].trim()
}

/** Moves an order in time (and to `status`), written as its store */
function placedAt(fixture: TestStore, orderId: string, at: DateTime, status?: string) {
  return withTenant(fixture.store, () =>
    currentClient()
      .from('orders')
      .where({ id: orderId })
      .update({ placed_at: at.toJSDate(), ...(status ? { status } : {}) })
  )
}

test.group('Overview | sales and low stock', (group) => {
  group.each.setup(() => clock.travelTo(NOW))
  group.each.teardown(() => clock.travelTo(null))

  test('orders and revenue today and this week, cancelled orders bring no revenue, latest orders listed', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { stock: 50, price: 1000n })
    const orders = []
    for (let index = 0; index < 4; index++) {
      orders.push((await placeOrder(client, fixture, { variantId })).order)
    }
    await placedAt(fixture, orders[0].id, NOW.minus({ hours: 2 }))
    await placedAt(fixture, orders[1].id, NOW.minus({ hours: 1 }), 'cancelled')
    await placedAt(fixture, orders[2].id, NOW.minus({ days: 2 }))
    await placedAt(fixture, orders[3].id, NOW.minus({ days: 4 }))
    // another store's order, placed today, counts nowhere here
    const other = await createStore()
    await placeOrder(client, other)

    const html = panel((await overview(client, fixture.members.finance)).text(), 'overview-sales')
    assert.equal(figure(html, 'Orders today'), '2')
    assert.equal(figure(html, 'Revenue today'), '$10.00')
    assert.equal(figure(html, 'Orders this week'), '3')
    assert.equal(figure(html, 'Revenue this week'), '$20.00')
    const numbers = [...html.matchAll(/Order #(\d+)/g)].map((match) => Number(match[1]))
    assert.deepEqual(numbers, [2, 1, 3, 4], 'newest first')
    assert.include(html, 'Cancelled')
  })

  test('a store without orders says so, in Arabic too', async ({ client, assert }) => {
    const fixture = await createStore()
    const english = panel((await overview(client, fixture.owner)).text(), 'overview-sales')
    assert.equal(figure(english, 'Orders today'), '0')
    assert.include(english, 'No orders yet')
    const arabic = panel((await overview(client, fixture.owner, 'ar')).text(), 'overview-sales')
    assert.include(arabic, 'لا طلبات بعد')
  })

  test('low stock lists the active, tracked variants with 5 units or fewer, fewest first', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedProduct(fixture, { title: 'Plenty', stock: 40 })
    await seedProduct(fixture, { title: 'Nearly Gone', stock: 2 })
    await seedProduct(fixture, { title: 'Sizes', stock: 0, sizes: ['S', 'M'] })
    const other = await createStore()
    await seedProduct(other, { title: 'Foreign Scarce', stock: 1 })

    const html = panel(
      (await overview(client, fixture.members.member)).text(),
      'overview-low-stock'
    )
    assert.notInclude(html, 'Plenty')
    assert.notInclude(html, 'Foreign Scarce')
    const order = ['Sizes', 'Nearly Gone'].map((title) => html.indexOf(title))
    assert.isTrue(order[0] > 0 && order[0] < order[1], html)
    assert.include(html, 'Sold out')
    assert.include(html, '2 left')
  })

  test('a store with nothing running low says so', async ({ client, assert }) => {
    const fixture = await createStore()
    await seedProduct(fixture, { title: 'Plenty', stock: 40 })
    const html = panel((await overview(client, fixture.owner)).text(), 'overview-low-stock')
    assert.include(html, 'Nothing is running low.')
  })
})
