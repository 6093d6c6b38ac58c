import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { currentClient, withTenant } from '#tenancy/mod'
import { createStore, type TestStore } from '#tests/helpers'
import { flushVisits } from '#storefront/services/visits_flush'
import {
  CLAIMED_KEY,
  QUEUE_KEY,
  saltOf,
  utcDay,
  visitorHashOf,
  visitsSent,
} from '#storefront/services/visits_store'
import { attributionReport } from '#storefront/services/attribution_report'
import { DateTime } from 'luxon'
import {
  VISITOR_COOKIE,
  checkoutForm,
  ordersOf,
  placeOrder,
  productFor,
  shopOf,
  useCurrency,
  visitorIn,
} from './orders_support.js'

export const BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
const ATTRIBUTION = '/dashboard/analytics/attribution'

async function resetVisits() {
  await redis.del(QUEUE_KEY, CLAIMED_KEY)
}

/** What the pages opened so far queued (the request does not wait for Redis's answer) */
async function queued() {
  await visitsSent()
  return (await redis.lrange(QUEUE_KEY, 0, -1)).map((text) => JSON.parse(text))
}

/** The job's function, run once the pages' records have reached Redis */
async function flushed() {
  await visitsSent()
  return flushVisits()
}

function visitsOf(fixture: TestStore) {
  return db
    .connection('platform')
    .from('visits')
    .where('tenant_id', fixture.store.id)
    .orderBy('occurred_at', 'asc')
}

/** A page of the store opened in a browser, with the headers it would send */
function browse(
  client: any,
  url: string,
  options: { visitor?: string; referer?: string; inside?: boolean; agent?: string } = {}
) {
  let request = client
    .get(url)
    .header('user-agent', options.agent ?? BROWSER)
    .redirects(0)
  if (options.referer) request = request.header('referer', options.referer)
  if (options.inside) request = request.header('sec-fetch-site', 'same-origin')
  if (options.visitor) request = request.withEncryptedCookie(VISITOR_COOKIE, options.visitor)
  return request
}

function expectStatus(response: { assertStatus(status: number): void }, status: number) {
  response.assertStatus(status)
}

test.group('Visits | recording', (group) => {
  group.each.setup(resetVisits)

  test('a page view costs one queued record, and the flush writes it as the store', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const page = await browse(
      client,
      `${shopOf(fixture)}/?utm_source=Google&utm_medium=cpc&utm_campaign=eid-sale&utm_term=dates&utm_content=banner`,
      { referer: 'https://www.google.com/search?q=private+words' }
    )
    page.assertStatus(200)
    assert.isUndefined(page.header('set-cookie'), 'browsing still sets no cookie')
    const [record, ...more] = await queued()
    assert.lengthOf(more, 0)
    assert.equal(record.tenantId, fixture.store.id)
    assert.lengthOf(await visitsOf(fixture), 0, 'nothing in PostgreSQL until the flush')

    const outcome = await flushed()
    assert.equal(outcome.written, 1)
    assert.lengthOf(await queued(), 0)
    const [visit] = await visitsOf(fixture)
    assert.include(visit, {
      path: '/',
      landing: true,
      source: 'google',
      medium: 'cpc',
      campaign: 'eid-sale',
      utm_source: 'google',
      utm_term: 'dates',
      utm_content: 'banner',
      referrer_host: 'google.com',
      device: 'mobile',
      visitor_id: null,
    })
    assert.match(visit.visitor_hash, /^[0-9a-f]{32}$/)
    assert.notInclude(JSON.stringify(visit), '127.0.0.1', 'no address is stored')
    assert.notInclude(JSON.stringify(visit), 'private', 'no referrer path or query is stored')

    assert.equal((await flushed()).written, 0, 'a second flush has nothing to write')
    assert.lengthOf(await visitsOf(fixture), 1)
  })

  test('a flush that died after inserting writes each view once on the next run', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    expectStatus(await browse(client, `${shopOf(fixture)}/`), 200)
    await visitsSent()
    const [record] = await redis.lrange(QUEUE_KEY, 0, -1)
    await flushed()
    // as if the claim had not been released: the same record handed out again
    await redis.rpush(CLAIMED_KEY, record)
    await flushed()
    assert.lengthOf(await visitsOf(fixture), 1)
  })

  test('robots, scripts and headless browsers are not recorded', async ({ client, assert }) => {
    const fixture = await createStore()
    for (const agent of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'curl/8.5.0',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0 Safari/537.36',
      '',
    ]) {
      expectStatus(await browse(client, `${shopOf(fixture)}/`, { agent }), 200)
    }
    assert.lengthOf(await queued(), 0)
  })

  test('a click inside the store is a view without a source; feeds and 404s are not views', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    expectStatus(await browse(client, `${shopOf(fixture)}/search?q=tea`, { inside: true }), 200)
    expectStatus(await browse(client, `${shopOf(fixture)}/robots.txt`), 200)
    expectStatus(await browse(client, `${shopOf(fixture)}/sitemap.xml`), 200)
    expectStatus(await browse(client, `${shopOf(fixture)}/products/no-such-thing`), 404)
    await browse(client, `${shopOf(fixture)}/search?q=tea`).header('hx-request', 'true')
    await flushed()
    const visits = await visitsOf(fixture)
    assert.lengthOf(visits, 1)
    assert.include(visits[0], { path: '/search', landing: false, source: null })
  })

  test('the address hashed is the one the trusted-proxy setting vouches for, not X-Forwarded-For', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await browse(client, `${shopOf(fixture)}/`).header('x-forwarded-for', '198.51.100.9')
    await flushed()
    const [visit] = await visitsOf(fixture)
    const salt = await saltOf(utcDay())
    // no proxy is trusted in tests: the peer's own address counts
    const peer = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].map((ip) =>
      visitorHashOf(salt, ip, BROWSER)
    )
    assert.include(peer, visit.visitor_hash)
    assert.notEqual(visit.visitor_hash, visitorHashOf(salt, '198.51.100.9', BROWSER))
  })

  test('the page is served when Redis refuses the record', async ({ client, assert }) => {
    const fixture = await createStore()
    // RPUSH onto a string fails (WRONGTYPE), as a full or broken Redis would
    await redis.set(QUEUE_KEY, 'not a list')
    const page = await browse(client, `${shopOf(fixture)}/`)
    page.assertStatus(200)
    assert.equal(await redis.get(QUEUE_KEY), 'not a list')
  })
})

test.group('Visits | attribution of orders', (group) => {
  group.each.setup(resetVisits)

  test('an order carries its cart visitor, its first touch and its last touch', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const shop = shopOf(fixture)
    const variantId = await productFor(fixture, { stock: 5, price: 1000n })

    // first seen from Instagram, before there was any cookie
    expectStatus(await browse(client, `${shop}/`, { referer: 'https://www.instagram.com/' }), 200)
    await flushed()
    const added = await client
      .post(`${shop}/cart/items`)
      .header('user-agent', BROWSER)
      .header('sec-fetch-site', 'same-origin')
      .form({ variantId, quantity: '1' })
      .redirects(0)
    const visitor = visitorIn(added)!
    assert.isString(visitor)
    // back the next day through the newsletter, now with the cart cookie
    expectStatus(
      await browse(client, `${shop}/?utm_source=newsletter&utm_medium=email&utm_campaign=ramadan`, {
        visitor,
      }),
      200
    )
    // then typed in: a direct visit does not replace the newsletter
    expectStatus(await browse(client, `${shop}/`, { visitor }), 200)
    await flushed()

    const page = await browse(client, `${shop}/checkout`, { visitor, inside: true })
    const total = /name="expectedTotal" value="(\d+)"/.exec(page.text())![1]
    const placed = await client
      .post(`${shop}/checkout`)
      .header('user-agent', BROWSER)
      .header('sec-fetch-site', 'same-origin')
      .withEncryptedCookie(VISITOR_COOKIE, visitor)
      .form(checkoutForm(total))
      .redirects(0)
    placed.assertStatus(303)

    const [order] = await ordersOf(fixture)
    assert.include(order, {
      visitor_id: visitor,
      first_touch_source: 'instagram.com',
      first_touch_medium: 'referral',
      first_touch_campaign: null,
      last_touch_source: 'newsletter',
      last_touch_medium: 'email',
      last_touch_campaign: 'ramadan',
    })
  })

  test('an order whose shopper was never seen landing is placed, unattributed', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { order } = await placeOrder(client, fixture)
    assert.isString(order.visitor_id, 'the cart visitor is still linked')
    assert.isNull(order.first_touch_source)
    assert.isNull(order.last_touch_source)
  })
})

/** Visits and order attribution written straight in, for exact report figures */
async function seedReport(client: any, fixture: TestStore) {
  await useCurrency(fixture, 'KWD')
  const placed: { id: string; total_amount: string }[] = []
  for (let n = 0; n < 3; n++) placed.push((await placeOrder(client, fixture)).order)
  const today = DateTime.utc().toISO()
  const visit = (source: string, medium: string, campaign: string | null, at = today) => ({
    tenant_id: fixture.store.id,
    id: crypto.randomUUID(),
    occurred_at: at,
    path: '/',
    landing: true,
    source,
    medium,
    campaign,
    device: 'desktop',
    visitor_hash: 'f'.repeat(32),
  })
  await withTenant(fixture.store, async () => {
    const trx = currentClient()
    await trx
      .table('visits')
      .multiInsert([
        visit('google', 'cpc', 'eid-sale'),
        visit('google', 'cpc', 'eid-sale'),
        visit('google', 'cpc', '=HYPERLINK("http://evil.test")'),
        visit('instagram.com', 'referral', null),
        visit('direct', 'none', null),
        visit('direct', 'none', null, DateTime.utc().minus({ days: 40 }).toISO()),
      ])
    const touch = (id: string, first: string, last: string, campaign: string | null) =>
      trx.from('orders').where('id', id).update({
        first_touch_source: first,
        first_touch_medium: 'x',
        last_touch_source: last,
        last_touch_medium: 'y',
        last_touch_campaign: campaign,
        first_touch_campaign: null,
      })
    await touch(placed[0].id, 'instagram.com', 'google', 'eid-sale')
    await touch(placed[1].id, 'google', 'google', 'eid-sale')
    // a cancelled order counts for nothing
    await trx.from('orders').where('id', placed[1].id).update({ status: 'cancelled' })
  })
  return placed
}

test.group('Visits | the attribution page', (group) => {
  group.each.setup(resetVisits)

  test('visits, orders, conversion and revenue by source and campaign, last or first touch', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const [order] = await seedReport(client, fixture)
    const range = { from: DateTime.utc().minus({ days: 6 }), to: DateTime.utc() }

    const last = await withTenant(fixture.store, () => attributionReport(range, 'last'))
    assert.equal(last.currency, 'KWD')
    const google = last.bySource.find((row) => row.key === 'google')!
    assert.deepEqual(
      { visits: google.visits, orders: google.orders, revenue: google.revenue },
      { visits: 3, orders: 1, revenue: BigInt(order.total_amount) }
    )
    assert.closeTo(google.conversion!, 1 / 3, 1e-9)
    const untracked = last.bySource.find((row) => row.key === null)!
    assert.equal(untracked.orders, 1, 'the order never seen landing')
    assert.equal(untracked.visits, 0)
    assert.isNull(untracked.conversion)
    assert.equal(
      last.bySource.find((row) => row.key === 'direct')!.visits,
      1,
      'the old visit is outside'
    )
    assert.equal(last.totals.visits, 5)
    assert.equal(last.totals.orders, 2)
    assert.deepEqual(
      last.byCampaign.map((row) => [row.key, row.visits, row.orders]),
      [
        ['eid-sale', 2, 1],
        ['=HYPERLINK("http://evil.test")', 1, 0],
      ]
    )

    const first = await withTenant(fixture.store, () => attributionReport(range, 'first'))
    assert.equal(first.bySource.find((row) => row.key === 'instagram.com')!.orders, 1)
    assert.equal(first.bySource.find((row) => row.key === 'google')!.orders, 0)

    const page = await client.get(`${ATTRIBUTION}?period=7&touch=last`).loginAs(fixture.owner)
    page.assertStatus(200)
    const text = page.text()
    assert.include(text, 'id="attribution-by-source"')
    // 3 decimals for KWD, through the formatMoney global
    assert.match(text, /KWD\s*1\.000/)
    assert.include(text, '33.3%')
    assert.include(text, 'Not tracked')
    assert.include(text, 'class="chart chart-bar"')

    const arabic = await client.get(`${ATTRIBUTION}?period=7&lang=ar`).loginAs(fixture.owner)
    arabic.assertStatus(200)
    assert.include(arabic.text(), 'حسب المصدر')
  })

  test('the CSV export has the same figures, with formula-like names defused', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedReport(client, fixture)
    const csv = await client
      .get(
        `${ATTRIBUTION}/export?period=custom&from=${DateTime.utc().minus({ days: 2 }).toISODate()}&to=${DateTime.utc().toISODate()}&touch=last`
      )
      .loginAs(fixture.members.finance)
    csv.assertStatus(200)
    assert.match(csv.header('content-type')!, /^text\/csv/)
    assert.match(
      csv.header('content-disposition')!,
      /attachment; filename="attribution-.*-last-touch\.csv"/
    )
    const lines = csv.text().trim().split('\r\n')
    assert.equal(lines[0], 'dimension,name,visits,orders,conversion_rate,revenue,currency')
    assert.include(lines, 'source,google,3,1,33.33,1.000,KWD')
    assert.include(lines, 'campaign,eid-sale,2,1,50.00,1.000,KWD')
    assert.include(lines, `campaign,"'=HYPERLINK(""http://evil.test"")",1,0,0.00,0.000,KWD`)
  })

  test('a period that cannot be read is answered 422 with what to fix ({$self})')
    .with([
      'period=365',
      'period=custom',
      'period=custom&from=2026-01-10',
      'period=custom&from=2026-02-30&to=2026-03-01',
      'period=custom&from=10/01/2026&to=2026-03-01',
      'period=custom&from=2026-03-10&to=2026-03-01',
      'period=custom&from=2020-01-01&to=2026-01-01',
      'period=custom&from=2999-01-01&to=2999-01-02',
      'touch=middle',
      'period=custom&from=&to=2026-01-01',
    ])
    .run(async ({ client, assert }, query) => {
      const fixture = await createStore()
      const page = await client.get(`${ATTRIBUTION}?${query}`).loginAs(fixture.owner)
      page.assertStatus(422)
      assert.include(page.text(), 'aria-invalid="true"')
      const csv = await client.get(`${ATTRIBUTION}/export?${query}`).loginAs(fixture.owner)
      csv.assertStatus(422)
      assert.isAbove(csv.text().length, 10)
    })

  test('another store sees none of this store’s sources, campaigns or revenue', async ({
    client,
    assert,
  }) => {
    const victim = await createStore()
    await seedReport(client, victim)
    const other = await createStore()
    for (const url of [`${ATTRIBUTION}?period=30`, `${ATTRIBUTION}/export?period=30`]) {
      const response = await client.get(url).loginAs(other.owner)
      response.assertStatus(200)
      for (const secret of ['eid-sale', 'instagram.com', 'HYPERLINK']) {
        assert.notInclude(response.text(), secret)
      }
      assert.notMatch(response.text(), /1\.000/, 'no revenue of the other store')
    }
  })

  test('a member without analytics:read is refused; finance may read', async ({ client }) => {
    const fixture = await createStore()
    const member = await client.get(ATTRIBUTION).loginAs(fixture.members.member).redirects(0)
    member.assertStatus(403)
    const finance = await client.get(ATTRIBUTION).loginAs(fixture.members.finance)
    finance.assertStatus(200)
  })
})
