import { test } from '@japa/runner'
import redis from '@adonisjs/redis/services/main'
import { createStore } from '#tests/helpers'
import { seedProduct } from '../catalog/support.js'
import { ChangeVariantPrice } from '#catalog/mod'
import { currentClient, withTenant } from '#tenancy/mod'
import { addToCart, asShopper, productFor, shopOf, visitorIn } from './orders_support.js'

test.group('Cart | adding, changing and removing items', () => {
  test('adding an item sets an encrypted httpOnly cart cookie and shows it in the cart', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { title: 'Linen Shirt', price: 2500n })
    const added = await asShopper(client, 'post', `${shopOf(fixture)}/cart/items`, null, {
      variantId,
      quantity: '2',
    })
    added.assertStatus(303)
    added.assertHeader('location', `${shopOf(fixture)}/cart?added=${variantId}`)
    const setCookie = String(added.header('set-cookie'))
    assert.match(setCookie, /bazaar_cart=/)
    assert.match(setCookie, /HttpOnly/i)
    assert.match(setCookie, /SameSite=Lax/i)
    const visitor = visitorIn(added)!
    assert.match(visitor, /^[A-Za-z0-9_-]{32,64}$/)
    const ttl = await redis.ttl(`storefront:cart:${fixture.store.id}:${visitor}`)
    assert.isAbove(ttl, 29 * 24 * 3600, 'the cart is kept for 30 days')
    assert.isAtMost(ttl, 30 * 24 * 3600)

    const cart = await asShopper(
      client,
      'get',
      `${shopOf(fixture)}/cart?added=${variantId}`,
      visitor
    )
    cart.assertStatus(200)
    assert.include(cart.text(), 'Linen Shirt')
    assert.include(cart.text(), 'Added Linen Shirt to your cart.')
    assert.include(cart.text(), '$50.00')
    assert.include(cart.text(), 'value="2"')
  })

  test('adding the same item again adds to its quantity; changing and removing it work', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { price: 1000n })
    const visitor = await addToCart(client, fixture, variantId, 1)
    await addToCart(client, fixture, variantId, 2, visitor)
    let cart = await asShopper(client, 'get', `${shopOf(fixture)}/cart`, visitor)
    assert.include(cart.text(), 'value="3"')
    assert.include(cart.text(), '$30.00')

    const changed = await asShopper(
      client,
      'patch',
      `${shopOf(fixture)}/cart/items/${variantId}`,
      visitor,
      { quantity: '5' }
    )
    changed.assertStatus(303)
    cart = await asShopper(client, 'get', `${shopOf(fixture)}/cart`, visitor)
    assert.include(cart.text(), 'value="5"')
    assert.include(cart.text(), '$50.00')

    // a plain form posts to the same address
    const posted = await asShopper(
      client,
      'post',
      `${shopOf(fixture)}/cart/items/${variantId}`,
      visitor,
      { quantity: '4' }
    )
    posted.assertStatus(303)

    const removed = await asShopper(
      client,
      'delete',
      `${shopOf(fixture)}/cart/items/${variantId}`,
      visitor
    )
    removed.assertStatus(303)
    cart = await asShopper(client, 'get', `${shopOf(fixture)}/cart`, visitor)
    assert.include(cart.text(), 'Your cart is empty')
  })

  test('htmx gets the cart page back (its #cart swaps in), not a redirect', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture)
    const visitor = await addToCart(client, fixture, variantId, 1)
    const response = await asShopper(
      client,
      'post',
      `${shopOf(fixture)}/cart/items/${variantId}`,
      visitor,
      { quantity: '3' }
    ).header('hx-request', 'true')
    response.assertStatus(200)
    assert.include(response.text(), 'id="cart"')
    assert.include(response.text(), 'value="3"')

    const refused = await asShopper(
      client,
      'post',
      `${shopOf(fixture)}/cart/items/${variantId}`,
      visitor,
      { quantity: '500' }
    ).header('hx-request', 'true')
    refused.assertStatus(422)
    assert.include(refused.text(), 'id="cart"')
    assert.include(refused.text(), 'Enter a quantity from 1 to 99')
  })

  test('quantity 0 takes the item out', async ({ client, assert }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture)
    const visitor = await addToCart(client, fixture, variantId, 2)
    await asShopper(client, 'patch', `${shopOf(fixture)}/cart/items/${variantId}`, visitor, {
      quantity: '0',
    })
    const cart = await asShopper(client, 'get', `${shopOf(fixture)}/cart`, visitor)
    assert.include(cart.text(), 'Your cart is empty')
  })

  test('the cart shows the price as it is now, not as it was when added', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { variants } = await seedProduct(fixture, { price: 1000n })
    const visitor = await addToCart(client, fixture, variants[0].id, 2)
    await withTenant(fixture.store, () =>
      new ChangeVariantPrice().handle({
        actorUserId: fixture.owner.id,
        variantId: variants[0].id,
        price: { amount: 1500n, currency: 'USD' },
      })
    )
    const cart = await asShopper(client, 'get', `${shopOf(fixture)}/cart`, visitor)
    assert.include(cart.text(), '$15.00')
    assert.include(cart.text(), '$30.00')
  })

  test('an empty cart page sets no cookie', async ({ client, assert }) => {
    const fixture = await createStore()
    const cart = await client.get(`${shopOf(fixture)}/cart`)
    cart.assertStatus(200)
    assert.include(cart.text(), 'Your cart is empty')
    assert.notMatch(String(cart.header('set-cookie') ?? ''), /bazaar_cart/)
  })

  test('carts are per store: the same visitor has another cart in another store', async ({
    client,
    assert,
  }) => {
    const a = await createStore()
    const b = await createStore()
    const variantId = await productFor(a, { title: 'Only In A' })
    const visitor = await addToCart(client, a, variantId, 1)
    const other = await asShopper(client, 'get', `${shopOf(b)}/cart`, visitor)
    assert.notInclude(other.text(), 'Only In A')
    assert.include(other.text(), 'Your cart is empty')
  })
})

test.group('Cart | refusals', () => {
  test('a variant of another store: 422 with a message, nothing added', async ({
    client,
    assert,
  }) => {
    const a = await createStore()
    const b = await createStore()
    const foreign = await productFor(b)
    const response = await asShopper(client, 'post', `${shopOf(a)}/cart/items`, null, {
      variantId: foreign,
      quantity: '1',
    })
    response.assertStatus(422)
    assert.include(response.text(), 'This item is not available in this store.')
    const cart = await asShopper(client, 'get', `${shopOf(a)}/cart`, visitorIn(response))
    assert.include(cart.text(), 'Your cart is empty')
  })

  test('an unknown variant and a draft product are refused with a message', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product, variants } = await seedProduct(fixture)
    await withTenant(fixture.store, () =>
      currentClient().from('products').where('id', product.id).update({ status: 'draft' })
    )
    for (const variantId of [variants[0].id, '00000000-0000-4000-8000-000000000000']) {
      const response = await asShopper(client, 'post', `${shopOf(fixture)}/cart/items`, null, {
        variantId,
        quantity: '1',
      })
      response.assertStatus(422)
      assert.include(response.text(), 'This item is not available in this store.')
    }
  })

  test('bad quantities and ids: 422 with a message a person can act on', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture)
    const cases: [Record<string, unknown>, string][] = [
      [{ variantId, quantity: '0' }, 'Enter a quantity from 1 to 99'],
      [{ variantId, quantity: '100' }, 'Enter a quantity from 1 to 99'],
      [{ variantId, quantity: '1.5' }, 'Enter a quantity from 1 to 99'],
      [{ variantId, quantity: 'many' }, 'Enter a quantity from 1 to 99'],
      [{ variantId: 'not-an-id', quantity: '1' }, 'This item is not available in this store'],
      [{ quantity: '1' }, 'This item is not available in this store'],
    ]
    for (const [form, message] of cases) {
      const response = await asShopper(client, 'post', `${shopOf(fixture)}/cart/items`, null, form)
      assert.equal(response.status(), 422, JSON.stringify(form))
      assert.include(response.text(), message)
    }
    const json = await client
      .post(`${shopOf(fixture)}/cart/items`)
      .header('accept', 'application/json')
      .json({ variantId, quantity: 0 })
    json.assertStatus(422)
    assert.equal(json.body().errors[0].field, 'quantity')
    assert.equal(json.body().errors[0].message, 'Enter a quantity from 1 to 99')
  })

  test('more than the stock, or more than 99 of one item in total, is refused', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const scarce = await productFor(fixture, { title: 'Scarce', stock: 3 })
    const response = await asShopper(client, 'post', `${shopOf(fixture)}/cart/items`, null, {
      variantId: scarce,
      quantity: '4',
    })
    response.assertStatus(422)
    assert.include(response.text(), 'Only 3 of Scarce left')

    const plenty = await productFor(fixture, { title: 'Plenty', stock: 500 })
    const visitor = await addToCart(client, fixture, plenty, 60)
    const over = await asShopper(client, 'post', `${shopOf(fixture)}/cart/items`, visitor, {
      variantId: plenty,
      quantity: '40',
    })
    over.assertStatus(422)
    assert.include(over.text(), 'You can order at most 99 of one item.')
  })

  test('changing or removing an item not in the cart answers 404 with a message', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture)
    const other = await productFor(fixture)
    const visitor = await addToCart(client, fixture, variantId, 1)
    for (const [method, visitorId] of [
      ['patch', visitor],
      ['delete', visitor],
      ['patch', null],
    ] as const) {
      const response = await asShopper(
        client,
        method,
        `${shopOf(fixture)}/cart/items/${other}`,
        visitorId,
        { quantity: '1' }
      )
      response.assertStatus(404)
      assert.include(response.text(), 'This item is not in your cart any more.')
    }
    const notAnId = await asShopper(client, 'patch', `${shopOf(fixture)}/cart/items/xyz`, visitor, {
      quantity: '1',
    })
    notAnId.assertStatus(404)
  })

  test('a form sent from another site or a sibling store is refused (403)', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture)
    for (const [header, value] of [
      ['sec-fetch-site', 'cross-site'],
      ['sec-fetch-site', 'same-site'],
      ['origin', 'https://evil.example'],
    ]) {
      const response = await asShopper(client, 'post', `${shopOf(fixture)}/cart/items`, null, {
        variantId,
        quantity: '1',
      }).header(header, value)
      response.assertStatus(403)
      assert.include(response.text(), 'This form can only be sent from the store')
    }
  })

  test('a cookie that does not decrypt is a new, empty cart', async ({ client, assert }) => {
    const fixture = await createStore()
    const cart = await client
      .get(`${shopOf(fixture)}/cart`)
      .header('cookie', 'bazaar_cart=forged-value')
    cart.assertStatus(200)
    assert.include(cart.text(), 'Your cart is empty')
  })
})

test.group('Cart | in Arabic', () => {
  test('the cart and the checkout speak Arabic, right to left', async ({ client, assert }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { price: 1000n })
    const empty = await client.get(`${shopOf(fixture)}/cart?lang=ar`)
    empty.assertStatus(200)
    assert.include(empty.text(), 'dir="rtl"')
    assert.include(empty.text(), 'سلتك فارغة')
    const visitor = await addToCart(client, fixture, variantId, 1)
    for (const path of ['/cart', '/checkout']) {
      const page = await asShopper(client, 'get', `${shopOf(fixture)}${path}?lang=ar`, visitor)
      page.assertStatus(200)
      assert.include(page.text(), 'dir="rtl"')
    }
  })
})
