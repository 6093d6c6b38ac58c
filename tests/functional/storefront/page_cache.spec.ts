import { test } from '@japa/runner'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import redis from '@adonisjs/redis/services/main'
import { AdjustStock, ChangeVariantPrice, CreateProduct } from '#catalog/mod'
import { currentClient, withTenant } from '#tenancy/mod'
import { createStore, type TestStore } from '#tests/helpers'
import { PRODUCTS, productForm, seedCategory, sendForm } from '../catalog/support.js'
import { formAs } from '../identity/support.js'
import { addToCart, asShopper, placeOrder, shopOf, VISITOR_COOKIE } from './orders_support.js'

/*
| Kept storefront pages: a second visit is served from the cache, and any
| change to what a page shows (a price, the product, its stock, an order
| taking the last unit) is on the very next request. Kept pages never
| cross stores or languages, and the cart link is each visitor's own.
*/

function page(client: ApiClient, url: string, locale = 'en', visitor: string | null = null) {
  let request = client.get(url).plainCookie('locale', locale)
  if (visitor) request = request.withEncryptedCookie(VISITOR_COOKIE, visitor)
  return request
}

const cacheOf = (response: ApiResponse) => response.header('x-cache')

async function shopWith(options: { price?: bigint; stock?: number; title?: string } = {}) {
  const fixture = await createStore()
  const shirts = await seedCategory(fixture, 'Shirts')
  const { product, variants } = await withTenant(fixture.store, () =>
    new CreateProduct().handle({
      actorUserId: fixture.owner.id,
      title: options.title ?? 'Linen Shirt',
      description: '',
      status: 'active',
      categoryId: shirts.id,
      tags: [],
      trackStock: true,
      options: [],
      variants: [
        {
          values: [null, null, null],
          sku: null,
          priceAmount: options.price ?? 2500n,
          compareAtAmount: null,
          costAmount: null,
          stock: options.stock ?? 10,
        },
      ],
    })
  )
  const urls = {
    product: `${shopOf(fixture)}/products/${product.slug}`,
    category: `${shopOf(fixture)}/categories/${shirts.slug}`,
    home: shopOf(fixture),
  }
  return { fixture, product, variant: variants[0], urls }
}

/** Requests each page until it is kept, so the next request would be a hit */
async function warm(client: ApiClient, urls: string[], locale = 'en') {
  for (const url of urls) {
    await page(client, url, locale)
    const again = await page(client, url, locale)
    if (cacheOf(again) !== 'hit') throw new Error(`${url} was not kept: ${cacheOf(again)}`)
  }
}

function changePrice(fixture: TestStore, variantId: string, amount: bigint) {
  return withTenant(fixture.store, () =>
    new ChangeVariantPrice().handle({
      actorUserId: fixture.owner.id,
      variantId,
      price: { amount, currency: 'USD' },
    })
  )
}

test.group('Storefront | kept pages', () => {
  test('a second visit to a product page is served from the cache, the same page', async ({
    client,
    assert,
  }) => {
    const { urls } = await shopWith()
    const first = await page(client, urls.product)
    first.assertStatus(200)
    assert.equal(cacheOf(first), 'miss')
    const second = await page(client, urls.product)
    second.assertStatus(200)
    assert.equal(cacheOf(second), 'hit')
    assert.equal(second.text(), first.text())
    assert.include(second.text(), '$25.00')
    // HTML that can change: kept by a browser only to ask again, never by a shared cache
    assert.equal(second.header('cache-control'), 'private, no-cache')
    assert.isUndefined(second.header('set-cookie'))

    const etag = second.header('etag') ?? ''
    assert.match(etag, /^W\/"/)
    const unchanged = await page(client, urls.product).header('If-None-Match', etag)
    unchanged.assertStatus(304)
    assert.equal(unchanged.text(), '')
  })

  test('category and home pages are kept too, per sort and page asked', async ({
    client,
    assert,
  }) => {
    const { urls } = await shopWith()
    for (const url of [urls.category, urls.home, `${urls.category}?sort=price-asc`]) {
      assert.equal(cacheOf(await page(client, url)), 'miss', url)
      assert.equal(cacheOf(await page(client, url)), 'hit', url)
    }
    // ?utm_… changes nothing on the page: it shares the kept copy
    assert.equal(cacheOf(await page(client, `${urls.category}?utm_source=mail`)), 'hit')
    // a page past the last shows the last one, and is not kept under every number
    assert.equal(cacheOf(await page(client, `${urls.category}?page=999`)), 'miss')
    assert.equal(cacheOf(await page(client, `${urls.category}?page=999`)), 'miss')
  })

  test('a price changed through ChangeVariantPrice is on every page at the very next request', async ({
    client,
    assert,
  }) => {
    const { fixture, variant, urls } = await shopWith({ price: 2500n })
    const all = [urls.product, urls.category, urls.home]
    await warm(client, all)

    await changePrice(fixture, variant.id, 1999n)
    for (const url of all) {
      const response = await page(client, url)
      assert.equal(cacheOf(response), 'miss', url)
      assert.include(response.text(), '$19.99', url)
      assert.notInclude(response.text(), '$25.00', url)
    }
  })

  test('a product saved from the dashboard shows its new title and compare-at price next', async ({
    client,
    assert,
  }) => {
    const { fixture, product, variant, urls } = await shopWith({ price: 2500n })
    await warm(client, [urls.product, urls.home])

    const saved = await sendForm(
      client,
      fixture.owner,
      'put',
      `${PRODUCTS}/${product.id}`,
      productForm({
        title: 'Linen Shirt Deluxe',
        handle: product.slug,
        variants: [{ id: variant.id, price: '25.00', compareAt: '40.00', cost: '', sku: '' }],
      })
    )
    saved.assertStatus(302)
    const productPage = (await page(client, urls.product)).text()
    assert.include(productPage, 'Linen Shirt Deluxe')
    assert.include(productPage, '$40.00')
    assert.include((await page(client, urls.home)).text(), 'Linen Shirt Deluxe')
  })

  test('a stock adjustment shows on the product page at the next request', async ({
    client,
    assert,
  }) => {
    const { fixture, variant, urls } = await shopWith({ stock: 10 })
    await warm(client, [urls.product])
    assert.include((await page(client, urls.product)).text(), 'In stock')

    await withTenant(fixture.store, () =>
      new AdjustStock().handle({ actorUserId: fixture.owner.id, variantId: variant.id, delta: -7 })
    )
    const after = await page(client, urls.product)
    assert.include(after.text(), 'Only 3 left')
    assert.notInclude(after.text(), 'In stock')
  })

  test('an order taking the last unit shows the product sold out next, and its cancellation back', async ({
    client,
    assert,
  }) => {
    const { fixture, variant, urls } = await shopWith({ stock: 1 })
    await warm(client, [urls.product])
    assert.include((await page(client, urls.product)).text(), 'Only 1 left')

    const { order } = await placeOrder(client, fixture, { variantId: variant.id })
    const soldOut = await page(client, urls.product)
    assert.equal(cacheOf(soldOut), 'miss')
    assert.include(soldOut.text(), 'Sold out')
    assert.notInclude(soldOut.text(), 'Only 1 left')

    await warm(client, [urls.product])
    const cancelled = await formAs(
      client,
      fixture.owner,
      'put',
      `/dashboard/orders/${order.id}/status`,
      {
        status: 'cancelled',
      }
    )
    assert.isBelow(cancelled.status(), 400)
    const back = await page(client, urls.product)
    assert.include(back.text(), 'Only 1 left')
    assert.notInclude(back.text(), 'Sold out')
  })

  test('another store’s kept page is never served, even for the same address', async ({
    client,
    assert,
  }) => {
    const a = await shopWith({ price: 1100n, title: 'Same Mug' })
    const b = await shopWith({ price: 2200n, title: 'Same Mug' })
    await warm(client, [a.urls.product])
    const other = await page(client, b.urls.product)
    assert.equal(cacheOf(other), 'miss')
    assert.include(other.text(), '$22.00')
    assert.notInclude(other.text(), '$11.00')
    // on the stores' own hosts the path is the same: still each store's own page
    const onHost = (fixture: TestStore) =>
      client
        .get(`/products/${a.product.slug}`)
        .header('host', `${fixture.store.slug}.localhost`)
        .plainCookie('locale', 'en')
    await onHost(a.fixture)
    assert.include((await onHost(a.fixture)).text(), '$11.00')
    assert.include((await onHost(b.fixture)).text(), '$22.00')
  })

  test('Arabic and English pages are kept apart', async ({ client, assert }) => {
    const { urls } = await shopWith()
    await warm(client, [urls.product], 'en')
    const arabic = await page(client, urls.product, 'ar')
    assert.equal(cacheOf(arabic), 'miss')
    assert.include(arabic.text(), 'dir="rtl"')
    assert.include(arabic.text(), 'متوفر')
    assert.equal(cacheOf(await page(client, urls.product, 'ar')), 'hit')

    const english = await page(client, urls.product, 'en')
    assert.equal(cacheOf(english), 'hit')
    assert.include(english.text(), 'dir="ltr"')
    assert.include(english.text(), 'In stock')
    assert.notInclude(english.text(), 'متوفر')
  })

  test('the cart link of a kept page counts each visitor’s own cart', async ({
    client,
    assert,
  }) => {
    const { fixture, variant, urls } = await shopWith()
    await warm(client, [urls.product])
    const visitor = await addToCart(client, fixture, variant.id, 2)

    const theirs = await page(client, urls.product, 'en', visitor)
    assert.equal(cacheOf(theirs), 'hit')
    assert.match(theirs.text(), /<a\s+href="[^"]*\/cart"\s*>\s*Cart \(2\)\s*<\/a>/)
    const anyone = await page(client, urls.product)
    assert.equal(cacheOf(anyone), 'hit')
    assert.match(anyone.text(), /<a\s+href="[^"]*\/cart"\s*>\s*Cart\s*<\/a>/)
    assert.notInclude(anyone.text(), 'Cart (2)')
    assert.notEqual(theirs.header('etag'), anyone.header('etag'))
    // a browser's copy from before the cart changed is not confirmed
    const stale = await page(client, urls.product, 'en', visitor).header(
      'If-None-Match',
      anyone.header('etag') ?? ''
    )
    stale.assertStatus(200)

    const arabic = await page(client, urls.category, 'ar', visitor)
    assert.include(arabic.text(), 'السلة (2)')
    // the search page is never kept, and its cart link is the visitor's too
    const search = await asShopper(client, 'get', `${shopOf(fixture)}/search?q=linen`, visitor)
    assert.include(search.text(), 'Cart (2)')
  })

  test('the benchmark’s bypass header does nothing outside the benchmark', async ({
    client,
    assert,
  }) => {
    const { urls } = await shopWith()
    await warm(client, [urls.product])
    const response = await page(client, urls.product).header('x-bench-page-cache', 'off')
    assert.equal(cacheOf(response), 'hit')
  })

  test('a change made and told by another process is seen: the version in Redis decides', async ({
    client,
    assert,
  }) => {
    const { fixture, variant, urls } = await shopWith({ price: 2500n })
    await warm(client, [urls.product])
    // the row changes without this process hearing of it: the kept page stands
    await withTenant(fixture.store, () =>
      currentClient().rawQuery(
        'UPDATE product_variants SET price_amount = 3100 WHERE tenant_id = ? AND id = ?',
        [fixture.store.id, variant.id]
      )
    )
    assert.include((await page(client, urls.product)).text(), '$25.00')
    // another process's listener replaces the version: this process's copy is not used again
    await redis.set(`storefront:pages:version:${fixture.store.id}`, 'from-another-process')
    const next = await page(client, urls.product)
    assert.equal(cacheOf(next), 'miss')
    assert.include(next.text(), '$31.00')
  })
})

test.group('Storefront | kept pages without Redis', (group) => {
  group.each.teardown(async () => {
    await redis.connection('main').call('CLIENT', 'UNPAUSE')
  })

  test('with Redis not answering writes, the page is rendered and served, uncached', async ({
    client,
    assert,
  }) => {
    const { urls } = await shopWith({ price: 4200n })
    // the store is known to this process before Redis goes quiet
    await page(client, urls.category)
    await redis.connection('main').call('CLIENT', 'PAUSE', '3000', 'WRITE')
    const response = await page(client, urls.product)
    response.assertStatus(200)
    assert.equal(cacheOf(response), 'off')
    assert.include(response.text(), '$42.00')
  })
})
