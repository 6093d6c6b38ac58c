import { test } from '@japa/runner'
import { Membership, issueApiToken, type TokenAbility, type User } from '#identity/mod'
import { UpdateStoreSettings, currentClient, withTenant, type TenantSnapshot } from '#tenancy/mod'
import { createStore, type TestStore } from '#tests/helpers'
import { catalogOf, seedCategory, seedProduct } from './support.js'

async function tokenFor(store: TenantSnapshot, user: User, abilities: TokenAbility[]) {
  return withTenant(store, async () => {
    const membership = await Membership.findByOrFail('userId', user.id)
    const { plain } = await issueApiToken(membership, { name: 'integration', abilities })
    return plain
  })
}

function api(
  client: any,
  method: 'get' | 'post' | 'put',
  url: string,
  token: string,
  body?: object
) {
  const request = client[method](url).header('authorization', `Bearer ${token}`)
  return body ? request.json(body) : request
}

function newProduct(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Oud Oil',
    status: 'active',
    price: '12.500',
    cost: '4.250',
    stock: 7,
    trackStock: true,
    options: [{ name: 'Size', values: '3 ml, 6 ml' }],
    ...overrides,
  }
}

async function kwdStore(): Promise<TestStore> {
  const fixture = await createStore()
  const store = await withTenant(fixture.store, () =>
    new UpdateStoreSettings().handle({
      actorUserId: fixture.owner.id,
      storeName: fixture.store.name,
      defaultCurrency: 'KWD',
      defaultLocale: 'en',
      tagline: '',
    })
  )
  return { ...fixture, store }
}

test.group('Catalog API | products', () => {
  test('lists products with variants and exact amounts, newest first', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedProduct(fixture, { title: 'Older', price: 1999n, sizes: ['S', 'M'] })
    await seedProduct(fixture, { title: 'Newer', price: 500n })
    const token = await tokenFor(fixture.store, fixture.owner, ['catalog:read'])

    const response = await api(client, 'get', '/api/v1/products', token)
    response.assertStatus(200)
    const { data, nextCursor } = response.body()
    assert.deepEqual(
      data.map((product: any) => product.title),
      ['Newer', 'Older']
    )
    assert.isNull(nextCursor)
    const older = data[1]
    assert.deepEqual(older.options, ['Size'])
    assert.lengthOf(older.variants, 2)
    assert.deepEqual(older.variants[0].options, ['S'])
    assert.deepEqual(older.variants[0].price, { amount: 1999, currency: 'USD', decimal: '19.99' })
    assert.deepEqual(older.media, [])
    assert.include(response.header('cache-control'), 'no-store')
  })

  test('walks every product exactly once through cursors, rows of one millisecond included', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    for (let index = 0; index < 7; index++) await seedProduct(fixture, { title: `P${index}` })
    // Rows written in one statement share their created_at to the microsecond
    await withTenant(fixture.store, () =>
      currentClient().rawQuery(`update products set created_at = '2026-01-01T00:00:00.123456Z'`)
    )
    const token = await tokenFor(fixture.store, fixture.owner, ['catalog:read'])

    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const url: string = `/api/v1/products?limit=3${cursor ? `&cursor=${cursor}` : ''}`
      const response = await api(client, 'get', url, token)
      response.assertStatus(200)
      const body = response.body()
      seen.push(...body.data.map((product: any) => product.title))
      cursor = body.nextCursor
      pages++
    } while (cursor && pages < 10)

    assert.equal(pages, 3)
    assert.sameMembers(seen, ['P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6'])
    assert.lengthOf(new Set(seen), 7)
  })

  test('filters by status and category', async ({ client, assert }) => {
    const fixture = await createStore()
    const category = await seedCategory(fixture, 'Perfume')
    const { product } = await seedProduct(fixture, { title: 'In category' })
    await seedProduct(fixture, { title: 'Elsewhere' })
    await withTenant(fixture.store, () => product.merge({ categoryId: category.id }).save())
    const token = await tokenFor(fixture.store, fixture.owner, ['catalog:read'])

    const byCategory = await api(client, 'get', `/api/v1/products?categoryId=${category.id}`, token)
    assert.deepEqual(
      byCategory.body().data.map((row: any) => row.title),
      ['In category']
    )
    const drafts = await api(client, 'get', '/api/v1/products?status=draft', token)
    assert.lengthOf(drafts.body().data, 0)
  })

  test('bad list parameters get 422 naming the parameter', async ({ client, assert }) => {
    const fixture = await createStore()
    const token = await tokenFor(fixture.store, fixture.owner, ['catalog:read'])
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      [`cursor=${Buffer.from('["x","y"]').toString('base64url')}`, 'cursor'],
      ['cursor[]=a&cursor[]=b', 'cursor'],
      ['status=sold', 'status'],
      ['categoryId=42', 'categoryId'],
    ]) {
      const response = await api(client, 'get', `/api/v1/products?${query}`, token)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, query)
      assert.isAbove(response.body().errors[0].message.length, 10)
    }
  })

  test('creates a KWD product with three-decimal prices and one variant per option value', async ({
    client,
    assert,
  }) => {
    const fixture = await kwdStore()
    const token = await tokenFor(fixture.store, fixture.members.member, ['catalog:write'])

    const response = await api(client, 'post', '/api/v1/products', token, newProduct())
    response.assertStatus(201)
    const { data } = response.body()
    assert.equal(data.currency, 'KWD')
    assert.lengthOf(data.variants, 2)
    assert.deepEqual(data.variants[1].price, { amount: 12500, currency: 'KWD', decimal: '12.500' })
    assert.deepEqual(data.variants[1].cost, { amount: 4250, currency: 'KWD', decimal: '4.250' })
    const { variants, movements } = await catalogOf(fixture)
    assert.lengthOf(variants, 2)
    assert.lengthOf(movements, 2)
  })

  test('refuses bad products with the form messages and writes nothing', async ({
    client,
    assert,
  }) => {
    const fixture = await kwdStore()
    const token = await tokenFor(fixture.store, fixture.owner, ['catalog:write'])
    for (const [body, field] of [
      [newProduct({ title: '' }), 'title'],
      [newProduct({ price: '12.5001' }), 'price'],
      [newProduct({ price: 'twelve' }), 'price'],
      [newProduct({ price: 12.5 }), 'price'],
      [newProduct({ status: 'live' }), 'status'],
      [newProduct({ stock: -1 }), 'stock'],
      [
        newProduct({
          options: ['A', 'B', 'C', 'D'].map((name) => ({ name, values: 'x, y' })),
        }),
        'options',
      ],
    ] as const) {
      const response = await api(client, 'post', '/api/v1/products', token, body)
      assert.equal(response.status(), 422, JSON.stringify(body))
      const [error] = response.body().errors
      assert.equal(String(error.field).split('.')[0], field, JSON.stringify(body))
    }
    const { products } = await catalogOf(fixture)
    assert.lengthOf(products, 0)
  })

  test('updates a product with PUT and shows it', async ({ client, assert }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture, { title: 'Before', price: 1000n })
    const token = await tokenFor(fixture.store, fixture.owner, ['catalog:read', 'catalog:write'])

    const [variant] = (await catalogOf(fixture)).variants
    const saved = await api(client, 'put', `/api/v1/products/${product.id}`, token, {
      title: 'After',
      status: 'archived',
      variants: [{ id: variant.id, price: '12.00' }],
    })
    saved.assertStatus(200)
    assert.equal(saved.body().data.title, 'After')
    const shown = await api(client, 'get', `/api/v1/products/${product.id}`, token)
    assert.equal(shown.body().data.status, 'archived')
    assert.equal(shown.body().data.variants[0].price.amount, 1200)
  })

  test('abilities: reading needs catalog:read, writing catalog:write, finance cannot hold it', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const storeOnly = await tokenFor(fixture.store, fixture.owner, ['store:read'])
    const reader = await tokenFor(fixture.store, fixture.owner, ['catalog:read'])
    ;(await api(client, 'get', '/api/v1/products', storeOnly)).assertStatus(403)
    ;(await api(client, 'post', '/api/v1/products', reader, newProduct())).assertStatus(403)
    ;(await api(client, 'get', '/api/v1/categories', storeOnly)).assertStatus(403)
    ;(await client.get('/api/v1/products')).assertStatus(401)
    await assert.rejects(() => tokenFor(fixture.store, fixture.members.finance, ['catalog:write']))
    assert.lengthOf((await catalogOf(fixture)).products, 0)
  })

  test("another store's token sees none of this store's products and gets 404 by id", async ({
    client,
    assert,
  }) => {
    const mine = await createStore()
    const theirs = await createStore()
    const { product } = await seedProduct(mine, { title: 'Mine' })
    const category = await seedCategory(mine, 'Mine too')
    const token = await tokenFor(theirs.store, theirs.owner, ['catalog:read', 'catalog:write'])

    assert.lengthOf((await api(client, 'get', '/api/v1/products', token)).body().data, 0)
    assert.lengthOf((await api(client, 'get', '/api/v1/categories', token)).body().data, 0)
    ;(await api(client, 'get', `/api/v1/products/${product.id}`, token)).assertStatus(404)
    ;(await api(client, 'get', `/api/v1/categories/${category.id}`, token)).assertStatus(404)
    const update = { title: 'Taken', status: 'active', price: '1.00' }
    ;(await api(client, 'put', `/api/v1/products/${product.id}`, token, update)).assertStatus(404)
    const mineNow = await catalogOf(mine)
    assert.equal(mineNow.products[0].title, 'Mine')
  })
})

test.group('Catalog API | categories', () => {
  test('creates and lists categories; bad ones get 422', async ({ client, assert }) => {
    const fixture = await createStore()
    const token = await tokenFor(fixture.store, fixture.owner, ['catalog:read', 'catalog:write'])

    const created = await api(client, 'post', '/api/v1/categories', token, { name: 'Incense' })
    created.assertStatus(201)
    assert.equal(created.body().data.slug, 'incense')
    const child = await api(client, 'post', '/api/v1/categories', token, {
      name: 'Bakhoor',
      parentId: created.body().data.id,
    })
    child.assertStatus(201)
    assert.equal(child.body().data.parentId, created.body().data.id)

    const listed = await api(client, 'get', '/api/v1/categories', token)
    assert.deepEqual(
      listed.body().data.map((row: any) => row.name),
      ['Bakhoor', 'Incense']
    )
    for (const [body, field] of [
      [{ name: '' }, 'name'],
      [{ name: 'x', parentId: 'nope' }, 'parentId'],
      [{ name: 'Again', handle: 'incense' }, 'handle'],
    ] as const) {
      const response = await api(client, 'post', '/api/v1/categories', token, body)
      assert.oneOf(response.status(), [409, 422], JSON.stringify(body))
      assert.equal(response.body().errors[0].field, field)
    }
    assert.lengthOf((await catalogOf(fixture)).categories, 2)
  })
})
