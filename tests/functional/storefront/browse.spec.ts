import { test } from '@japa/runner'
import type { ApiResponse } from '@japa/api-client'
import { storeUrl } from '#core/mod'
import { CreateCategory, CreateProduct } from '#catalog/mod'
import { withTenant } from '#tenancy/mod'
import { createStore, type TestStore } from '#tests/helpers'
import SetPlan from '#billing/operations/set_plan'
import { LIST } from '#tests/functional/catalog/support'
import { statementsSentDuring } from '#tests/functional/tenancy/statements'

/*
| The shopper's browse pages: home, a category, a product, search, the
| sitemap and robots.txt, on /s/<store> and on the store's own host. Only
| active products are shown; anything else is the storefront's own 404.
*/

interface ShopProductSeed {
  title: string
  slug?: string
  description?: string
  tags?: string[]
  status?: 'draft' | 'active' | 'archived'
  categoryId?: string | null
  currency?: string
  trackStock?: boolean
  sizes?: string[]
  price?: bigint
  compareAt?: bigint | null
  /** One per size when sizes are given, else for the one variant */
  stocks?: number[]
  sku?: string
}

async function product(fixture: TestStore, seed: ShopProductSeed) {
  const options = seed.sizes ? [{ name: 'Size', values: seed.sizes }] : []
  const values = seed.sizes ?? [null]
  const { product: created, variants } = await withTenant(fixture.store, () =>
    new CreateProduct().handle({
      actorUserId: fixture.owner.id,
      title: seed.title,
      slug: seed.slug,
      description: seed.description ?? '',
      status: seed.status ?? 'active',
      categoryId: seed.categoryId ?? null,
      tags: seed.tags ?? [],
      trackStock: seed.trackStock ?? true,
      currency: seed.currency,
      options,
      variants: values.map((value, index) => ({
        values: [value, null, null],
        sku: seed.sku ? `${seed.sku}${seed.sizes ? `-${value}` : ''}` : null,
        priceAmount: (seed.price ?? 2500n) + BigInt(index * 100),
        compareAtAmount: seed.compareAt ?? null,
        costAmount: null,
        stock: seed.stocks?.[index] ?? 10,
      })),
    })
  )
  return { product: created, variants }
}

function category(fixture: TestStore, name: string, parentId: string | null = null) {
  return withTenant(fixture.store, () =>
    new CreateCategory().handle({ actorUserId: fixture.owner.id, name, parentId })
  )
}

const en = (client: any, url: string) => client.get(url).plainCookie('locale', 'en')

/** The product titles of a page's cards, in order */
function cardTitles(html: string) {
  return [...html.matchAll(/<h[23] class="product-card-title">\s*<a [^>]*>([^<]*)<\/a>/g)].map(
    (match) => match[1].trim()
  )
}

function notServerError(response: ApiResponse, assert: any, label: string) {
  assert.isBelow(response.status(), 500, `${label} answered ${response.status()}`)
}

test.group('Storefront | browsing', () => {
  test('the home page shows the latest active products and the categories', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const shirts = await category(fixture, 'Shirts')
    await product(fixture, { title: 'Old Shirt', categoryId: shirts.id })
    await product(fixture, { title: 'New Shirt', categoryId: shirts.id })
    await product(fixture, { title: 'Hidden Draft', status: 'draft' })
    await product(fixture, { title: 'Gone Archived', status: 'archived' })

    const response = await en(client, `/s/${fixture.store.slug}`)
    response.assertStatus(200)
    const html = response.text()
    assert.deepEqual(cardTitles(html), ['New Shirt', 'Old Shirt'])
    assert.include(html, `href="/s/${fixture.store.slug}/categories/shirts"`)
    assert.include(html, `href="/s/${fixture.store.slug}/products/new-shirt"`)
    assert.notInclude(html, 'Hidden Draft')
    assert.notInclude(html, 'Gone Archived')
    assert.notInclude(html, 'Our catalog is coming')
    assert.include(html, '$25.00')
    // the menu: Home, the top categories, Search
    assert.match(html, /<nav class="store-nav"[\s\S]*Shirts[\s\S]*Search[\s\S]*<\/nav>/)
    // no script and no cookie: the home page is plain HTML
    assert.notInclude(html, '<script')
    assert.isUndefined(response.header('set-cookie'))
  })

  test('a category lists its active products and its sub-categories’, sorted by price', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const clothing = await category(fixture, 'Clothing')
    const linen = await category(fixture, 'Linen', clothing.id)
    const other = await category(fixture, 'Mugs')
    await product(fixture, { title: 'Cheap Tee', price: 900n, categoryId: clothing.id })
    await product(fixture, { title: 'Dear Linen', price: 9000n, categoryId: linen.id })
    await product(fixture, { title: 'Mid Shirt', price: 3000n, categoryId: clothing.id })
    await product(fixture, { title: 'Draft Shirt', status: 'draft', categoryId: clothing.id })
    await product(fixture, { title: 'Blue Mug', categoryId: other.id })
    const base = `/s/${fixture.store.slug}/categories/clothing`

    const newest = await en(client, base)
    newest.assertStatus(200)
    assert.deepEqual(cardTitles(newest.text()), ['Mid Shirt', 'Dear Linen', 'Cheap Tee'])
    assert.include(newest.text(), '<h1 dir="auto">Clothing</h1>')
    assert.include(newest.text(), '3 products')
    assert.include(newest.text(), `href="/s/${fixture.store.slug}/categories/linen"`)
    assert.match(newest.text(), /<a href="[^"]*\/categories\/clothing"\s+aria-current="page"/)

    const cheap = await en(client, `${base}?sort=price-asc`)
    assert.deepEqual(cardTitles(cheap.text()), ['Cheap Tee', 'Mid Shirt', 'Dear Linen'])
    const dear = await en(client, `${base}?sort=price-desc`)
    assert.deepEqual(cardTitles(dear.text()), ['Dear Linen', 'Mid Shirt', 'Cheap Tee'])

    const sub = await en(client, `/s/${fixture.store.slug}/categories/linen`)
    assert.deepEqual(cardTitles(sub.text()), ['Dear Linen'])
    // the way back up
    assert.match(
      sub.text(),
      new RegExp(
        `<li>\\s*<a href="/s/${fixture.store.slug}/categories/clothing">Clothing</a>\\s*</li>`
      )
    )
  })

  test('a category pages its products; a page past the end shows the last one', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    // more products than the free plan's cap allows
    await new SetPlan().handle(fixture.store, 'pro')
    const shelf = await category(fixture, 'Shelf')
    for (let index = 1; index <= 26; index++) {
      await product(fixture, {
        title: `Item ${String(index).padStart(2, '0')}`,
        categoryId: shelf.id,
      })
    }
    const base = `/s/${fixture.store.slug}/categories/shelf`
    const first = await en(client, base)
    assert.lengthOf(cardTitles(first.text()), 24)
    assert.include(first.text(), 'Page 1 of 2')
    assert.include(first.text(), `href="${base}?page=2"`)
    const second = await en(client, `${base}?page=2`)
    assert.deepEqual(cardTitles(second.text()), ['Item 02', 'Item 01'])
    assert.include(
      second.text(),
      `<link rel="canonical" href="${storeUrl(fixture.store, '/categories/shelf?page=2')}"`
    )
    const past = await en(client, `${base}?page=99`)
    past.assertStatus(200)
    assert.deepEqual(cardTitles(past.text()), ['Item 02', 'Item 01'])
    const sorted = await en(client, `${base}?sort=price-desc`)
    assert.include(sorted.text(), `href="${base}?sort=price-desc&amp;page=2"`)
  })

  test('an empty category says so, with a way to search', async ({ client, assert }) => {
    const fixture = await createStore()
    await category(fixture, 'Empty Shelf')
    await product(fixture, { title: 'Somewhere Else' })
    const response = await en(client, `/s/${fixture.store.slug}/categories/empty-shelf`)
    response.assertStatus(200)
    assert.include(response.text(), 'Nothing here yet')
    assert.include(response.text(), `href="/s/${fixture.store.slug}/search"`)
  })
})

test.group('Storefront | a product', () => {
  test('shows price, compare-at, stock, SKU, the variant picker and the add-to-cart form', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const shirts = await category(fixture, 'Shirts')
    const { variants } = await product(fixture, {
      title: 'Linen Shirt',
      description: 'Cool in summer.\n\nWashes well.',
      categoryId: shirts.id,
      sizes: ['S', 'M', 'L'],
      price: 2500n,
      compareAt: 4000n,
      stocks: [0, 3, 20],
      sku: 'LIN',
    })
    const url = `/s/${fixture.store.slug}/products/linen-shirt`
    const response = await en(client, url)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '<h1 id="product-title" class="product-title" dir="auto">Linen Shirt</h1>')
    // S is sold out: the first variant in stock (M) is shown
    assert.include(html, '$26.00')
    assert.match(html, /<s class="price-was">[\s\S]*\$40\.00[\s\S]*<\/s>/)
    assert.include(html, 'Only 3 left')
    assert.include(html, 'SKU: LIN-M')
    assert.match(html, /<select[^>]*name="option1"/)
    assert.match(html, /<option\s+value="M"\s+selected\s*>\s*M\s*<\/option>/)
    assert.match(html, /<option\s+value="S"\s*>\s*S \(sold out\)\s*<\/option>/)
    assert.match(html, /<form class="add-to-cart" method="post" action="\/s\/[^"]+\/cart\/items">/)
    assert.include(html, `name="variantId" value="${variants[1].id}"`)
    assert.match(html, /name="quantity"/)
    assert.include(html, '<p dir="auto">Washes well.</p>')
    assert.include(html, `href="/s/${fixture.store.slug}/categories/shirts"`)
    // htmx is served for the picker, under the CSP (no inline script)
    assert.match(html, /<script src="\/js\/htmx[^"]*\.js" defer><\/script>/)

    const soldOut = await en(client, `${url}?variant=${variants[0].id}`)
    assert.include(soldOut.text(), 'Sold out')
    assert.match(
      soldOut.text(),
      /<button type="submit" class="button button-primary"\s+disabled\s*>/
    )
    assert.include(soldOut.text(), 'SKU: LIN-S')

    const plenty = await en(client, `${url}?option1=L`)
    assert.include(plenty.text(), 'In stock')
    assert.include(plenty.text(), '$27.00')
    assert.match(plenty.text(), /<option\s+value="L"\s+selected\s*>/)
  })

  test('the picker asking with htmx gets the purchase panel alone, and the address to show', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { variants } = await product(fixture, {
      title: 'Picker Tee',
      sizes: ['S', 'M'],
      stocks: [5, 0],
    })
    const response = await client
      .get(`/s/${fixture.store.slug}/products/picker-tee?option1=M`)
      .plainCookie('locale', 'en')
      .header('hx-request', 'true')
      .header('hx-target', 'product-purchase')
    response.assertStatus(200)
    const html = response.text()
    assert.notInclude(html, '<html')
    assert.notInclude(html, 'store-header')
    assert.include(html, 'Sold out')
    assert.include(html, `value="${variants[1].id}"`)
    assert.equal(
      response.header('hx-push-url'),
      `/s/${fixture.store.slug}/products/picker-tee?variant=${variants[1].id}`
    )
    assert.include(response.header('vary') ?? '', 'HX-Target')
  })

  test('a product whose stock is not tracked is always in stock', async ({ client, assert }) => {
    const fixture = await createStore()
    await product(fixture, { title: 'Digital Card', trackStock: false, stocks: [0] })
    const html = (await en(client, `/s/${fixture.store.slug}/products/digital-card`)).text()
    assert.include(html, 'In stock')
    assert.notMatch(html, /disabled/)
  })

  test('draft, archived, unknown and another store’s products, and unknown addresses, are the storefront’s 404', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore({ blueprint: 'souq' })
    const other = await createStore()
    await product(fixture, { title: 'Draft Thing', status: 'draft' })
    await product(fixture, { title: 'Archived Thing', status: 'archived' })
    await product(other, { title: 'Foreign Thing' })
    await category(other, 'Foreign Shelf')
    for (const path of [
      '/products/draft-thing',
      '/products/archived-thing',
      '/products/no-such-thing',
      '/products/foreign-thing',
      '/categories/foreign-shelf',
      '/categories/no-such-shelf',
      '/no-such-page',
      '/products',
      '/a/b/c.html',
    ]) {
      const response = await en(client, `/s/${fixture.store.slug}${path}`)
      response.assertStatus(404)
      const html = response.text()
      assert.include(html, 'theme-souq', path)
      assert.match(html, /<span class="store-name">\s*Test Store\s*<\/span>/, path)
      assert.include(html, 'Page not found', path)
      assert.include(html, `href="/s/${fixture.store.slug}"`, path)
      assert.notInclude(html, 'Foreign Thing', path)
    }
    // the product is there on its own store
    ;(await en(client, `/s/${other.store.slug}/products/foreign-thing`)).assertStatus(200)
  })

  test('an Arabic product page is right to left, with the price in Arabic', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await product(fixture, {
      title: 'قميص كتان',
      slug: 'قميص-كتان',
      currency: 'KWD',
      price: 12500n,
      stocks: [2],
    })
    const response = await client.get(
      `/s/${fixture.store.slug}/products/${encodeURIComponent('قميص-كتان')}?lang=ar`
    )
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '<html lang="ar" dir="rtl">')
    assert.include(html, 'قميص كتان')
    assert.include(html, 'بقيت قطعتان فقط')
    assert.include(html, 'أضف إلى السلة')
    assert.match(html, /١٢٫٥٠٠|12[.,]500/)
  })
})

test.group('Storefront | SEO', () => {
  test('a product page has its title, description, canonical address, Open Graph and JSON-LD', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { variants } = await product(fixture, {
      title: 'Kuwaiti Dates',
      description: 'Sweet </script><b>dates</b> from the farm.',
      currency: 'KWD',
      price: 12500n,
      sku: 'DATES',
    })
    const response = await en(client, `/s/${fixture.store.slug}/products/kuwaiti-dates`)
    const html = response.text()
    const canonical = storeUrl(fixture.store, '/products/kuwaiti-dates')
    assert.include(html, '<title>Kuwaiti Dates · Test Store</title>')
    assert.include(
      html,
      '<meta name="description" content="Sweet &lt;/script&gt;&lt;b&gt;dates&lt;/b&gt; from the farm."'
    )
    assert.include(html, `<link rel="canonical" href="${canonical}" />`)
    assert.include(html, `<link rel="alternate" hreflang="ar" href="${canonical}?lang=ar" />`)
    assert.include(html, '<meta property="og:type" content="product" />')
    assert.include(html, `<meta property="og:url" content="${canonical}" />`)
    assert.include(html, '<meta property="og:title" content="Kuwaiti Dates · Test Store" />')

    const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)
    assert.isNotNull(match)
    assert.notInclude(match![1], '</script>')
    const data = JSON.parse(match![1])
    assert.equal(data['@type'], 'Product')
    assert.equal(data.name, 'Kuwaiti Dates')
    assert.equal(data.sku, 'DATES')
    assert.deepInclude(data.offers, {
      '@type': 'Offer',
      'price': '12.500',
      'priceCurrency': 'KWD',
      'availability': 'https://schema.org/InStock',
      'sku': 'DATES',
      'url': storeUrl(fixture.store, `/products/kuwaiti-dates?variant=${variants[0].id}`),
    })
  })

  test('the sitemap lists the home page, the categories and the active products', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await category(fixture, 'Shirts')
    await product(fixture, { title: 'Listed Shirt' })
    await product(fixture, { title: 'Draft Shirt', status: 'draft' })
    const response = await client.get(`/s/${fixture.store.slug}/sitemap.xml`)
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^application\/xml/)
    const xml = response.text()
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/
    )
    for (const path of ['/', '/categories/shirts', '/products/listed-shirt']) {
      assert.match(
        xml,
        new RegExp(
          `<url><loc>${storeUrl(fixture.store, path).replace(/[.?]/g, '\\$&')}</loc><lastmod>\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z</lastmod></url>`
        )
      )
    }
    assert.notInclude(xml, 'draft-shirt')
  })

  test('robots.txt points at the sitemap and keeps crawlers out of search and the cart', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const response = await client
      .get('/robots.txt')
      .header('host', `${fixture.store.slug}.localhost`)
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/plain/)
    const text = response.text()
    assert.include(text, 'User-agent: *')
    assert.include(text, 'Disallow: /search')
    assert.include(text, 'Disallow: /cart')
    assert.include(text, `Sitemap: ${storeUrl(fixture.store, '/sitemap.xml')}`)
  })

  test('on the store’s own host the pages link without the /s/ prefix', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await category(fixture, 'Hats')
    await product(fixture, { title: 'Straw Hat' })
    const host = `${fixture.store.slug}.localhost`
    const home = await client.get('/?lang=en').header('host', host)
    home.assertStatus(200)
    assert.include(home.text(), 'href="/products/straw-hat"')
    assert.include(home.text(), 'href="/categories/hats"')
    const page = await client.get('/products/straw-hat?lang=en').header('host', host)
    page.assertStatus(200)
    assert.include(page.text(), 'action="/cart/items"')
    assert.include(
      page.text(),
      `<link rel="canonical" href="${storeUrl(fixture.store, '/products/straw-hat')}" />`
    )
  })
})

test.group('Storefront | search', () => {
  test('English: title matches first, then tags and descriptions; typos and accents forgiven', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await product(fixture, { title: 'Cotton Tee', description: 'Softer than linen, they say.' })
    await product(fixture, { title: 'Linen Shirt', description: 'Breathes in summer.' })
    await product(fixture, { title: 'Beach Towel', tags: ['linen', 'summer'] })
    await product(fixture, { title: 'Crème Brûlée Candle' })
    await product(fixture, { title: 'Linen Draft', status: 'draft' })
    const search = (q: string) =>
      en(client, `/s/${fixture.store.slug}/search?q=${encodeURIComponent(q)}`)

    const linen = await search('linen')
    linen.assertStatus(200)
    assert.deepEqual(cardTitles(linen.text()), ['Linen Shirt', 'Beach Towel', 'Cotton Tee'])
    assert.include(linen.text(), '3 products found')
    assert.include(linen.text(), '<meta name="robots" content="noindex, follow" />')

    assert.deepEqual(cardTitles((await search('linnen')).text()), ['Linen Shirt'])
    assert.deepEqual(cardTitles((await search('SHIRT')).text()), ['Linen Shirt'])
    assert.deepEqual(cardTitles((await search('creme brulee')).text()), ['Crème Brûlée Candle'])
    assert.deepEqual(cardTitles((await search('summer')).text()), ['Beach Towel', 'Linen Shirt'])

    const none = await search('zebra')
    assert.include(none.text(), 'No products match “zebra”')
    assert.lengthOf(cardTitles(none.text()), 0)
  })

  test('Arabic: words with or without the article, diacritics and a typo', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await product(fixture, { title: 'قميص كتان أبيض', slug: 'linen-shirt-ar' })
    await product(fixture, {
      title: 'بنطال قطن',
      slug: 'trousers-ar',
      description: 'يناسب القميص الأبيض',
    })
    await product(fixture, { title: 'صابون زيتون', slug: 'olive-soap-ar' })
    const search = (q: string) =>
      client.get(`/s/${fixture.store.slug}/search?lang=ar&q=${encodeURIComponent(q)}`)

    const shirt = await search('قميص')
    shirt.assertStatus(200)
    assert.include(shirt.text(), 'dir="rtl"')
    assert.deepEqual(cardTitles(shirt.text()), ['قميص كتان أبيض', 'بنطال قطن'])
    // the article, and alef with hamza written plainly
    assert.deepEqual(cardTitles((await search('القميص')).text())[0], 'قميص كتان أبيض')
    assert.deepEqual(cardTitles((await search('ابيض')).text())[0], 'قميص كتان أبيض')
    // short vowels (tashkeel) are ignored
    assert.deepEqual(cardTitles((await search('صَابُون')).text()), ['صابون زيتون'])
    // a typo in the last letter
    assert.deepEqual(cardTitles((await search('زيتوت')).text()), ['صابون زيتون'])
  })

  test('the dashboard list ranks its search the same way', async ({ client, assert }) => {
    const fixture = await createStore()
    await product(fixture, { title: 'Cotton Tee', description: 'Softer than linen.' })
    await product(fixture, { title: 'Linen Shirt' })
    await product(fixture, { title: 'Linen Draft', status: 'draft' })
    const html = (await client.get(`${LIST}?q=linen`).loginAs(fixture.owner)).text()
    assert.isBelow(html.indexOf('Linen Shirt'), html.indexOf('Cotton Tee'))
    assert.include(html, 'Linen Draft')
    const typo = (await client.get(`${LIST}?q=linnen`).loginAs(fixture.owner)).text()
    assert.include(typo, 'Linen Shirt')
    assert.notInclude(typo, 'Cotton Tee')
  })

  test('the search page without a query asks for one', async ({ client, assert }) => {
    const fixture = await createStore()
    const response = await en(client, `/s/${fixture.store.slug}/search`)
    response.assertStatus(200)
    assert.include(response.text(), 'Type a product name')
    assert.match(response.text(), /<form class="shop-search" role="search" method="get"/)
  })
})

test.group('Storefront | odd input', () => {
  test('odd query parameters are ignored or refused, never a 500', async ({ client, assert }) => {
    const fixture = await createStore()
    const shelf = await category(fixture, 'Shelf')
    await product(fixture, { title: 'Odd Shirt', categoryId: shelf.id, sizes: ['S', 'M'] })
    const base = `/s/${fixture.store.slug}`
    const odd = [
      `${base}/categories/shelf?sort=nope&page=-1`,
      `${base}/categories/shelf?sort[]=price-asc&page[]=2`,
      `${base}/categories/shelf?page=99999999999999999999`,
      `${base}/categories/shelf?page=1e3`,
      `${base}/categories/${'x'.repeat(3000)}`,
      `${base}/categories/%E2%80%AE`,
      `${base}/products/odd-shirt?variant=not-a-uuid`,
      `${base}/products/odd-shirt?variant[]=x&option1[]=S`,
      `${base}/products/odd-shirt?option1=XXL&option2=nope`,
      `${base}/products/%00`,
      `${base}/categories/%00`,
      `${base}/products/%ED%A0%80`,
      `${base}/products/%E0%A4%A`,
      `${base}/products/${'y'.repeat(3000)}`,
      `${base}/search?q[]=a&q[]=b`,
      `${base}/search?q=${encodeURIComponent(`'):* & !| <-> "unterminated`)}`,
      `${base}/search?q=${encodeURIComponent('\\')}`,
      `${base}/search?q=${'z'.repeat(5000)}`,
      `${base}/search?q=%00`,
      `${base}/search?q=${encodeURIComponent('👩🏽‍💻')}&page=abc`,
      `${base}/search?q=%20%20%20`,
      `${base}/sitemap.xml?page=2`,
    ]
    for (const url of odd) {
      const response = await en(client, url)
      notServerError(response, assert, url.slice(0, 120))
    }
    const product404 = await en(client, `${base}/products/odd-shirt?variant=not-a-uuid`)
    product404.assertStatus(200)
    const nul = await en(client, `${base}/search?q=%00`)
    assert.equal(nul.status(), 422)
  })
})

/**
 * The statements the driver sends while `work` runs, opening and closing a
 * transaction aside: a single read (`readAsTenant`, its BEGIN, settings and
 * COMMIT in one message) counts as its one statement.
 */
async function statementsDuring(work: () => Promise<unknown>) {
  const sent = await statementsSentDuring(work)
  return sent.filter(
    (text) =>
      !/^(commit|rollback);?$/i.test(text.trim()) &&
      !/^BEGIN; SELECT set_config\([^;]*\)$/.test(text.trim())
  )
}

test.group('Storefront | reads', () => {
  test('each page reads the catalog in at most two statements', async ({ client, assert }) => {
    const fixture = await createStore()
    const shelf = await category(fixture, 'Shelf')
    for (const title of ['One', 'Two', 'Three']) {
      await product(fixture, { title: `${title} Shirt`, categoryId: shelf.id, sizes: ['S', 'M'] })
    }
    const base = `/s/${fixture.store.slug}`
    // the store's settings are kept by the process after the first page
    await en(client, `${base}/search`)
    for (const path of [
      '',
      '/categories/shelf',
      '/products/one-shirt',
      '/search?q=shirt',
      '/sitemap.xml',
      '/robots.txt',
    ]) {
      const statements = await statementsDuring(() => en(client, `${base}${path}`))
      assert.isAtMost(statements.length, 2, `${path}: ${statements.join(' | ')}`)
    }
    const fragment = await statementsDuring(() =>
      en(client, `${base}/products/one-shirt?option1=M`)
        .header('hx-request', 'true')
        .header('hx-target', 'product-purchase')
    )
    assert.lengthOf(fragment, 1)

    // A product page not kept yet: its one read is the only message sent to PostgreSQL
    const sent = await statementsSentDuring(() => en(client, `${base}/products/two-shirt`))
    assert.lengthOf(sent, 1, sent.join(' | '))
    assert.match(sent[0], /^BEGIN READ ONLY; .* from products p\s.*; COMMIT$/s)
  })
})
