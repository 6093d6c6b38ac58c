import { test } from '@japa/runner'
import emitter from '@adonisjs/core/services/emitter'
import type { EventsList } from '@adonisjs/core/types'
import { ChangeVariantPrice } from '#catalog/mod'
import { UpdateStoreSettings, withTenant } from '#tenancy/mod'
import { createStore, type TestStore } from '#tests/helpers'
import { atOnce, expectStatus, jsonAs, statusesOf } from '../identity/support.js'
import {
  LIST,
  PRODUCTS,
  activitiesOf,
  catalogOf,
  productForm,
  seedCategory,
  seedProduct,
  sendForm,
} from './support.js'

async function inKuwaitiDinars(fixture: TestStore) {
  await withTenant(fixture.store, () =>
    new UpdateStoreSettings().handle({
      actorUserId: fixture.owner.id,
      storeName: fixture.store.name,
      defaultCurrency: 'KWD',
      defaultLocale: 'en',
      tagline: '',
    })
  )
}

test.group('Catalog | who may see and change products', () => {
  for (const role of ['owner', 'admin', 'finance', 'member'] as const) {
    test(`a ${role} sees the products list`, async ({ client, assert }) => {
      const fixture = await createStore()
      await seedProduct(fixture, { title: 'Visible Tee' })
      const response = await client.get(LIST).loginAs(fixture.members[role])
      response.assertStatus(200)
      assert.include(response.text(), 'Visible Tee')
      assert.match(response.text(), /href="\/dashboard\/catalog"\s+aria-current="page"/)
      const mayWrite = role !== 'finance'
      assert.equal(response.text().includes('href="/dashboard/catalog/products/create"'), mayWrite)
      assert.equal(response.text().includes('name="ids[]"'), mayWrite)
    })
  }

  test('finance may open a product but not the create page, and cannot write (403)', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product, variants } = await seedProduct(fixture)
    const finance = fixture.members.finance
    const page = await expectStatus(
      client.get(`${PRODUCTS}/${product.id}/edit`).loginAs(finance),
      200
    )
    assert.include(page.text(), 'You can see the catalog but not change it.')
    assert.notInclude(page.text(), 'Save product')
    await expectStatus(client.get(`${PRODUCTS}/create`).loginAs(finance).redirects(0), 403)
    const before = await catalogOf(fixture)
    await expectStatus(sendForm(client, finance, 'post', PRODUCTS, productForm()), 403)
    await expectStatus(
      sendForm(client, finance, 'put', `${PRODUCTS}/${product.id}`, productForm()),
      403
    )
    await expectStatus(
      sendForm(
        client,
        finance,
        'post',
        `/dashboard/catalog/variants/${variants[0].id}/stock-adjustments`,
        { delta: '1' }
      ),
      403
    )
    await expectStatus(
      sendForm(client, finance, 'post', '/dashboard/catalog/product-deletions', {
        ids: [product.id],
      }),
      403
    )
    assert.deepEqual(await catalogOf(fixture), before)
  })

  test('a member may create a product', async ({ client, assert }) => {
    const fixture = await createStore()
    const response = await sendForm(client, fixture.members.member, 'post', PRODUCTS, productForm())
    response.assertStatus(302)
    const { products } = await catalogOf(fixture)
    assert.lengthOf(products, 1)
  })
})

test.group('Catalog | creating a product', () => {
  test('a product without options gets one default variant with its price, SKU and stock', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const response = await sendForm(client, fixture.owner, 'post', PRODUCTS, productForm())
    response.assertStatus(302)
    const { products, variants, movements } = await catalogOf(fixture)
    assert.lengthOf(products, 1)
    const [product] = products
    response.assertHeader('location', `${PRODUCTS}/${product.id}/edit`)
    assert.equal(product.title, 'Linen Shirt')
    assert.equal(product.slug, 'linen-shirt')
    assert.equal(product.currency, 'USD')
    assert.equal(product.status, 'active')
    assert.deepEqual(product.tags, ['summer', 'linen'])
    assert.isTrue(product.track_stock)
    assert.lengthOf(variants, 1)
    assert.equal(variants[0].price_amount, '2500')
    assert.equal(variants[0].cost_amount, '1000')
    assert.isNull(variants[0].compare_at_amount)
    assert.equal(variants[0].sku, 'SHIRT')
    assert.equal(variants[0].stock, 5)
    assert.isNull(variants[0].option1)
    assert.lengthOf(movements, 1)
    assert.equal(movements[0].reason, 'initial')
    assert.equal(movements[0].delta, 5)
    assert.equal(movements[0].stock_after, 5)
    const [entry] = await activitiesOf(fixture)
    assert.equal(entry.action, 'catalog.product_created')
    assert.equal(entry.actor_user_id, fixture.owner.id)

    const edit = await client.get(`${PRODUCTS}/${product.id}/edit`).loginAs(fixture.owner)
    edit.assertStatus(200)
    assert.include(edit.text(), 'value="25.00"')
    assert.include(edit.text(), 'Initial stock')
  })

  test('options make one variant per combination, in KWD with three decimals', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await inKuwaitiDinars(fixture)
    const response = await sendForm(
      client,
      fixture.owner,
      'post',
      PRODUCTS,
      productForm({
        price: '12.500',
        cost: '',
        sku: 'TEE',
        stock: '3',
        options: [
          { name: 'Size', values: 'S, M, L' },
          { name: 'Colour', values: 'Red, Blue' },
          { name: '', values: '' },
        ],
      })
    )
    response.assertStatus(302)
    const { products, variants, movements } = await catalogOf(fixture)
    assert.equal(products[0].currency, 'KWD')
    assert.equal(products[0].option1_name, 'Size')
    assert.equal(products[0].option2_name, 'Colour')
    assert.isNull(products[0].option3_name)
    assert.lengthOf(variants, 6)
    assert.deepEqual(
      variants.map((variant: any) => `${variant.option1}/${variant.option2}`),
      ['S/Red', 'S/Blue', 'M/Red', 'M/Blue', 'L/Red', 'L/Blue']
    )
    assert.isTrue(variants.every((variant: any) => variant.price_amount === '12500'))
    assert.include(
      variants.map((variant: any) => variant.sku),
      'TEE-M-BLUE'
    )
    assert.lengthOf(movements, 6)
  })

  test('a slug left empty comes from the title; a taken one is refused beside the field', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await expectStatus(
      sendForm(client, fixture.owner, 'post', PRODUCTS, productForm({ sku: '' })),
      302
    )
    const before = await catalogOf(fixture)
    const response = await sendForm(
      client,
      fixture.owner,
      'post',
      PRODUCTS,
      productForm({ sku: '', handle: 'Linen Shirt' })
    )
    response.assertStatus(422)
    assert.include(response.text(), 'Another product already uses the URL handle “linen-shirt”')
    assert.include(response.text(), 'id="handle-error"')
    assert.deepEqual(await catalogOf(fixture), before)
  })

  const BAD: {
    label: string
    form: Record<string, unknown>
    field: string
    message: RegExp
    kwd?: boolean
  }[] = [
    {
      label: 'a missing title',
      form: productForm({ title: '' }),
      field: 'title',
      message: /Title is required/,
    },
    {
      label: 'a price with four decimals in KWD',
      form: productForm({ price: '1.2345' }),
      field: 'price',
      message: /Price takes at most 3 decimals in KWD/,
      kwd: true,
    },
    {
      label: 'a price that is not a number',
      form: productForm({ price: 'abc' }),
      field: 'price',
      message: /Price/,
    },
    {
      label: 'a missing price',
      form: productForm({ price: '' }),
      field: 'price',
      message: /Price is required/,
    },
    {
      label: 'a negative price',
      form: productForm({ price: '-5' }),
      field: 'price',
      message: /Price cannot be below zero/,
    },
    {
      label: 'negative stock',
      form: productForm({ stock: '-1' }),
      field: 'stock',
      message: /Stock must be a whole number from 0 up/,
    },
    {
      label: 'an unknown status',
      form: productForm({ status: 'sold' }),
      field: 'status',
      message: /Status/,
    },
    {
      label: 'an option without values',
      form: productForm({ options: [{ name: 'Size', values: '' }] }),
      field: 'options',
      message: /Option “Size” needs at least one value/,
    },
    {
      label: 'four options',
      form: productForm({
        options: [
          { name: 'A', values: '1' },
          { name: 'B', values: '1' },
          { name: 'C', values: '1' },
          { name: 'D', values: '1' },
        ],
      }),
      field: 'options',
      message: /Options/,
    },
    {
      label: 'options making too many variants',
      form: productForm({
        options: [
          { name: 'A', values: '1,2,3,4,5,6,7,8,9,10' },
          { name: 'B', values: '1,2,3,4,5,6,7,8,9,10,11' },
        ],
      }),
      field: 'options',
      message: /These options make 110 variants; a product can have at most 100/,
    },
    {
      label: 'an unknown category',
      form: productForm({ categoryId: '00000000-0000-4000-8000-000000000000' }),
      field: 'categoryId',
      message: /This category does not exist/,
    },
  ]

  for (const bad of BAD) {
    test(`${bad.label}: 422 with the message beside the field, nothing written`, async ({
      client,
      assert,
    }) => {
      const fixture = await createStore()
      if (bad.kwd) await inKuwaitiDinars(fixture)
      const before = await catalogOf(fixture)
      const response = await sendForm(client, fixture.owner, 'post', PRODUCTS, bad.form)
      response.assertStatus(422)
      assert.match(response.text(), bad.message)
      assert.include(response.text(), `id="${bad.field}-error"`)
      assert.deepEqual(await catalogOf(fixture), before)
    })
  }

  test('a SKU another product uses is refused, and no variant of the product is written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedProduct(fixture, { sizes: ['S'], sku: 'TEE-L' })
    const before = await catalogOf(fixture)
    // The third generated variant, TEE-L, collides
    const response = await sendForm(
      client,
      fixture.owner,
      'post',
      PRODUCTS,
      productForm({ sku: 'TEE', options: [{ name: 'Size', values: 'S, M, L' }] })
    )
    assert.oneOf(response.status(), [409, 422])
    assert.include(response.text(), 'Another variant already has the SKU TEE-L')
    assert.deepEqual(await catalogOf(fixture), before)
  })

  test('an operation refusing its third variant writes nothing at all', async ({ assert }) => {
    const fixture = await createStore()
    const before = await catalogOf(fixture)
    await assert.rejects(() =>
      withTenant(fixture.store, async () => {
        const { CreateProduct } = await import('#catalog/mod')
        return new CreateProduct().handle({
          actorUserId: null,
          title: 'Half',
          status: 'draft',
          trackStock: true,
          options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
          variants: ['S', 'M', 'L'].map((size, index) => ({
            values: [size, null, null] as [string, null, null],
            sku: null,
            priceAmount: 100n,
            compareAtAmount: null,
            costAmount: null,
            stock: index === 2 ? -1 : 1,
          })),
        })
      })
    )
    assert.deepEqual(await catalogOf(fixture), before)
  })

  test('JSON callers get {errors:[…]} with 422 and nothing is written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const response = await jsonAs(client, fixture.owner, 'post', PRODUCTS, {
      title: ['x'],
      status: 7,
      price: { a: 1 },
    })
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.includeMembers(fields, ['title', 'status', 'price'])
    assert.lengthOf((await catalogOf(fixture)).products, 0)
  })

  test('the form and its messages speak Arabic', async ({ client, assert }) => {
    const fixture = await createStore()
    const response = await client
      .post(`${PRODUCTS}?lang=ar`)
      .form(productForm({ title: '', stock: '-2' }))
      .loginAs(fixture.owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    assert.include(response.text(), 'dir="rtl"')
    assert.include(response.text(), 'العنوان')
  })
})

test.group('Catalog | editing a product', () => {
  test('the edit form saves the product and each variant price through ChangeVariantPrice', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product, variants } = await seedProduct(fixture, { sizes: ['S', 'M'] })
    const response = await sendForm(
      client,
      fixture.owner,
      'put',
      `${PRODUCTS}/${product.id}`,
      productForm({
        title: 'Renamed',
        handle: 'renamed',
        status: 'archived',
        variants: variants.map((variant, index) => ({
          id: variant.id,
          price: index === 0 ? '12.34' : '10.00',
          compareAt: '',
          cost: '',
          sku: `NEW-${index}`,
        })),
      })
    )
    response.assertStatus(302)
    const state = await catalogOf(fixture)
    assert.equal(state.products[0].title, 'Renamed')
    assert.equal(state.products[0].slug, 'renamed')
    assert.equal(state.products[0].status, 'archived')
    assert.deepEqual(
      state.variants.map((variant: any) => [variant.price_amount, variant.sku]),
      [
        ['1234', 'NEW-0'],
        ['1000', 'NEW-1'],
      ]
    )
    const actions = (await activitiesOf(fixture)).map((entry) => entry.action)
    assert.includeMembers(actions, ['catalog.price_changed', 'catalog.product_updated'])
    assert.lengthOf(
      actions.filter((action) => action === 'catalog.price_changed'),
      1
    )
  })

  test('a bad price in the third variant row is refused and nothing changes', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product, variants } = await seedProduct(fixture, { sizes: ['S', 'M', 'L'] })
    const before = await catalogOf(fixture)
    const response = await sendForm(
      client,
      fixture.owner,
      'put',
      `${PRODUCTS}/${product.id}`,
      productForm({
        title: 'Changed',
        variants: variants.map((variant, index) => ({
          id: variant.id,
          price: index === 2 ? '1.234' : '9.99',
        })),
      })
    )
    response.assertStatus(422)
    assert.include(response.text(), 'Price of L takes at most 2 decimals in USD')
    assert.deepEqual(await catalogOf(fixture), before)
  })

  test('ChangeVariantPrice emits catalog:price_changed with the old and new price', async ({
    assert,
  }) => {
    const fixture = await createStore()
    const { variants } = await seedProduct(fixture, { price: 1500n })
    const seen: EventsList['catalog:price_changed'][] = []
    const listener = (event: EventsList['catalog:price_changed']) => {
      if (event.tenantId === fixture.store.id) seen.push(event)
    }
    emitter.on('catalog:price_changed', listener)
    try {
      const change = await withTenant(fixture.store, () =>
        new ChangeVariantPrice().handle({
          actorUserId: null,
          variantId: variants[0].id,
          price: { amount: 1299n, currency: 'USD' },
        })
      )
      assert.isTrue(change.changed)
      const same = await withTenant(fixture.store, () =>
        new ChangeVariantPrice().handle({
          actorUserId: null,
          variantId: variants[0].id,
          price: { amount: 1299n, currency: 'USD' },
        })
      )
      assert.isFalse(same.changed)
      await assert.rejects(() =>
        withTenant(fixture.store, () =>
          new ChangeVariantPrice().handle({
            actorUserId: null,
            variantId: variants[0].id,
            price: { amount: 1299n, currency: 'EUR' },
          })
        )
      )
    } finally {
      emitter.off('catalog:price_changed', listener)
    }
    assert.lengthOf(seen, 1)
    assert.deepEqual(seen[0].oldPrice, { amount: 1500n, currency: 'USD' })
    assert.deepEqual(seen[0].newPrice, { amount: 1299n, currency: 'USD' })
    assert.equal(seen[0].variantId, variants[0].id)
    const [entry] = await activitiesOf(fixture, 'catalog.price_changed')
    assert.equal(entry.data.from, '15.00 USD')
    assert.equal(entry.data.to, '12.99 USD')
  })

  test('the activity page tells catalog changes as sentences, in English and Arabic', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { variants } = await seedProduct(fixture, { title: 'Told Tee', price: 1500n })
    await withTenant(fixture.store, () =>
      new ChangeVariantPrice().handle({
        actorUserId: fixture.owner.id,
        variantId: variants[0].id,
        price: { amount: 1200n, currency: 'USD' },
      })
    )
    const english = (await client.get('/dashboard/activity').loginAs(fixture.owner)).text()
    assert.include(english, 'added the product “Told Tee”')
    assert.include(english, 'changed the price of “Told Tee” from 15.00 USD to 12.00 USD')
    const arabic = (await client.get('/dashboard/activity?lang=ar').loginAs(fixture.owner)).text()
    assert.include(arabic, 'المنتج «Told Tee»')
  })
})

test.group('Catalog | stock', () => {
  test('an adjustment moves the stock and records why; going below zero is refused', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product, variants } = await seedProduct(fixture, { stock: 3 })
    const url = `/dashboard/catalog/variants/${variants[0].id}/stock-adjustments`
    const added = await sendForm(client, fixture.members.member, 'post', url, {
      delta: '4',
      note: 'Found a box',
    })
    added.assertStatus(302)
    added.assertHeader('location', `${PRODUCTS}/${product.id}/edit#stock`)
    let state = await catalogOf(fixture)
    assert.equal(state.variants[0].stock, 7)
    const last = state.movements.at(-1)
    assert.equal(last.reason, 'adjustment')
    assert.equal(last.delta, 4)
    assert.equal(last.note, 'Found a box')
    assert.equal(last.stock_after, 7)
    assert.equal(last.actor_user_id, fixture.members.member.id)

    const before = await catalogOf(fixture)
    const refused = await sendForm(client, fixture.owner, 'post', url, { delta: '-8' })
    refused.assertStatus(422)
    assert.include(refused.text(), 'Only 7 in stock: cannot take away 8')
    assert.include(refused.text(), `id="delta-${variants[0].id}-error"`)
    assert.deepEqual(await catalogOf(fixture), before)

    for (const delta of ['0', '1.5', 'many', '']) {
      const response = await sendForm(client, fixture.owner, 'post', url, { delta })
      response.assertStatus(422)
    }
    state = await catalogOf(fixture)
    assert.deepEqual(state, before)

    const page = await client.get(`${PRODUCTS}/${product.id}/edit`).loginAs(fixture.owner)
    assert.include(page.text(), 'Found a box')
  })

  test('20 adjustments of −1 at once on a stock of 10: exactly 10 succeed, stock ends at 0', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { variants } = await seedProduct(fixture, { stock: 10 })
    const url = `/dashboard/catalog/variants/${variants[0].id}/stock-adjustments`
    const responses = await atOnce(20, () =>
      sendForm(client, fixture.owner, 'post', url, { delta: '-1', note: 'rush' })
    )
    const statuses = statusesOf(responses)
    assert.deepEqual(statuses, [...Array(10).fill(302), ...Array(10).fill(422)])
    const state = await catalogOf(fixture)
    assert.equal(state.variants[0].stock, 0)
    const adjustments = state.movements.filter((movement: any) => movement.reason === 'adjustment')
    assert.lengthOf(adjustments, 10)
    assert.sameMembers(
      adjustments.map((movement: any) => movement.stock_after),
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
    )
  })
})

test.group('Catalog | the list', () => {
  test('search by title or SKU, filter by status and category, sort by price', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const category = await seedCategory(fixture, 'Shirts')
    await seedProduct(fixture, { title: 'Alpha Shirt', price: 3000n, sku: 'ALPHA' })
    await seedProduct(fixture, { title: 'Beta Mug', price: 1000n, sku: 'MUGGY' })
    const owner = fixture.owner
    const alpha = await client.get(`${LIST}?q=alpha`).loginAs(owner)
    assert.include(alpha.text(), 'Alpha Shirt')
    assert.notInclude(alpha.text(), 'Beta Mug')
    const bySku = await client.get(`${LIST}?q=muggy`).loginAs(owner)
    assert.include(bySku.text(), 'Beta Mug')
    assert.notInclude(bySku.text(), 'Alpha Shirt')
    const drafts = await client.get(`${LIST}?status=draft`).loginAs(owner)
    assert.notInclude(drafts.text(), 'Alpha Shirt')
    assert.include(drafts.text(), 'No rows match these filters')
    const inCategory = await client.get(`${LIST}?category=${category.id}`).loginAs(owner)
    assert.notInclude(inCategory.text(), 'Beta Mug')
    const cheapFirst = (await client.get(`${LIST}?sort=price&dir=asc`).loginAs(owner)).text()
    assert.isBelow(cheapFirst.indexOf('Beta Mug'), cheapFirst.indexOf('Alpha Shirt'))
    const dearFirst = (await client.get(`${LIST}?sort=price&dir=desc`).loginAs(owner)).text()
    assert.isBelow(dearFirst.indexOf('Alpha Shirt'), dearFirst.indexOf('Beta Mug'))
    assert.match(dearFirst, /aria-sort="descending"/)
    // Bad values fall back to the defaults
    await expectStatus(
      client.get(`${LIST}?sort=nope&status=sold&category=zzz&page=-1`).loginAs(owner),
      200
    )
  })

  test('htmx asking for #products gets the table alone', async ({ client, assert }) => {
    const fixture = await createStore()
    await seedProduct(fixture, { title: 'Fragment Tee' })
    const response = await client
      .get(`${LIST}?sort=title`)
      .header('hx-request', 'true')
      .header('hx-target', 'products')
      .loginAs(fixture.owner)
    response.assertStatus(200)
    assert.include(response.text(), 'id="products"')
    assert.include(response.text(), 'Fragment Tee')
    assert.notInclude(response.text(), '<html')
  })

  test('an empty store shows "Add a product"; the set-up step ticks after the first one', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const empty = await client.get(LIST).loginAs(fixture.owner)
    assert.include(empty.text(), 'No products yet')
    assert.include(empty.text(), 'Add a product')
    const before = (await client.get('/dashboard').loginAs(fixture.owner)).text()
    assert.notMatch(before, /id="add-product"[^>]*checklist-done/)
    await seedProduct(fixture)
    const after = (await client.get('/dashboard').loginAs(fixture.owner)).text()
    assert.notEqual(before.match(/\d of 4 done/)?.[0], after.match(/\d of 4 done/)?.[0])
  })
})

test.group('Catalog | bulk actions', () => {
  test('publish and archive the selected products; delete asks first, then deletes', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const one = await seedProduct(fixture, { title: 'One' })
    const two = await seedProduct(fixture, { title: 'Two' })
    const three = await seedProduct(fixture, { title: 'Three' })
    const ids = [one.product.id, two.product.id]
    const bulk = '/dashboard/catalog/product-bulk-actions'
    await expectStatus(
      sendForm(client, fixture.owner, 'post', bulk, { action: 'archive', ids }),
      302
    )
    let state = await catalogOf(fixture)
    const statusOf = (id: string) => state.products.find((product: any) => product.id === id).status
    assert.equal(statusOf(one.product.id), 'archived')
    assert.equal(statusOf(two.product.id), 'archived')
    assert.equal(statusOf(three.product.id), 'active')

    await expectStatus(
      sendForm(client, fixture.owner, 'post', bulk, {
        action: 'draft',
        all: 'page',
        shown: [one.product.id, two.product.id, three.product.id],
      }),
      302
    )
    state = await catalogOf(fixture)
    assert.isTrue(state.products.every((product: any) => product.status === 'draft'))

    const confirm = await sendForm(client, fixture.owner, 'post', bulk, { action: 'delete', ids })
    confirm.assertStatus(200)
    assert.include(confirm.text(), 'Delete 2 products?')
    assert.lengthOf((await catalogOf(fixture)).products, 3)

    await expectStatus(
      sendForm(client, fixture.owner, 'post', '/dashboard/catalog/product-deletions', { ids }),
      302
    )
    state = await catalogOf(fixture)
    assert.deepEqual(
      state.products.map((product: any) => product.title),
      ['Three']
    )
    assert.isTrue(state.variants.every((variant: any) => variant.product_id === three.product.id))
    const deleted = await activitiesOf(fixture, 'catalog.product_deleted')
    assert.lengthOf(deleted, 2)

    const nothing = await sendForm(client, fixture.owner, 'post', bulk, { action: 'archive' })
    nothing.assertStatus(422)
    assert.include(nothing.text(), 'Select at least one product')
  })
})

test.group('Catalog | another store', () => {
  test("another store's member gets 404 for every product id of the first and sees nothing", async ({
    client,
    assert,
  }) => {
    const a = await createStore()
    const b = await createStore()
    const { product, variants } = await seedProduct(a, { title: 'Secret Alpha', sku: 'SECRET' })
    const before = await catalogOf(a)
    const intruder = b.members.member
    await expectStatus(client.get(`${PRODUCTS}/${product.id}/edit`).loginAs(intruder), 404)
    await expectStatus(
      sendForm(client, intruder, 'put', `${PRODUCTS}/${product.id}`, productForm()),
      404
    )
    await expectStatus(
      sendForm(
        client,
        intruder,
        'post',
        `/dashboard/catalog/variants/${variants[0].id}/stock-adjustments`,
        { delta: '-1' }
      ),
      404
    )
    await expectStatus(
      sendForm(client, intruder, 'post', '/dashboard/catalog/product-bulk-actions', {
        action: 'archive',
        ids: [product.id],
      }),
      404
    )
    await expectStatus(
      sendForm(client, intruder, 'post', '/dashboard/catalog/product-deletions', {
        ids: [product.id],
      }),
      404
    )
    const list = await client.get(`${LIST}?q=secret`).loginAs(intruder)
    list.assertStatus(200)
    assert.notInclude(list.text(), 'Secret Alpha')
    assert.notInclude(list.text(), product.id)
    assert.deepEqual(await catalogOf(a), before)
    // A product of B may take A's slug and SKUs: they are unique per store
    await expectStatus(
      sendForm(
        client,
        b.owner,
        'post',
        PRODUCTS,
        productForm({ title: 'Secret Alpha', sku: 'SECRET' })
      ),
      302
    )
  })
})
