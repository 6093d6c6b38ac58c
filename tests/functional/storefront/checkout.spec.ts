import { test } from '@japa/runner'
import { ChangeVariantPrice } from '#catalog/mod'
import { withTenant } from '#tenancy/mod'
import { createStore, lastMailTo, uniqueEmail } from '#tests/helpers'
import {
  addToCart,
  asShopper,
  checkout,
  checkoutForm,
  movementsOf,
  orderLinesOf,
  ordersOf,
  productFor,
  setCheckout,
  shopOf,
  stockOf,
  useCurrency,
} from './orders_support.js'

/** The total the checkout page shows for the visitor's cart, in minor units */
async function shownTotal(client: any, shop: string, visitor: string) {
  const page = await asShopper(client, 'get', `${shop}/checkout`, visitor)
  page.assertStatus(200)
  const match = /name="expectedTotal" value="(\d+)"/.exec(page.text())
  if (!match) throw new Error(`no total on the checkout page: ${page.text().slice(0, 500)}`)
  return match[1]
}

test.group('Checkout | placing an order', () => {
  test('an order is placed: lines and totals written, stock taken, cart emptied, mails sent', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await setCheckout(fixture, { shippingAmount: 500n, taxRateBp: 1000 })
    const shirt = await productFor(fixture, { title: 'Linen Shirt', price: 2500n, stock: 5 })
    const visitor = await addToCart(client, fixture, shirt, 2)
    const total = await shownTotal(client, shopOf(fixture), visitor)
    // 2 × 25.00 + 5.00 shipping, tax 10 % on both added on top
    assert.equal(total, String(5000 + 500 + 550))

    const email = uniqueEmail('shopper')
    const placed = await checkout(client, fixture, visitor, checkoutForm(total, { email }))
    placed.assertStatus(303)
    const [order] = await ordersOf(fixture)
    assert.equal(order.number, 1)
    assert.equal(order.status, 'pending')
    assert.equal(order.currency, 'USD')
    assert.equal(order.subtotal_amount, '5000')
    assert.equal(order.shipping_amount, '500')
    assert.equal(order.tax_amount, '550')
    assert.equal(order.total_amount, '6050')
    assert.equal(order.tax_rate_bp, 1000)
    assert.isFalse(order.prices_include_tax)
    assert.equal(order.payment_method, 'cash_on_delivery')
    assert.equal(order.email, email)
    const lines = await orderLinesOf(fixture)
    assert.lengthOf(lines, 1)
    assert.equal(lines[0].title, 'Linen Shirt')
    assert.equal(lines[0].quantity, 2)
    assert.equal(lines[0].unit_price_amount, '2500')
    assert.equal(lines[0].line_total_amount, '5000')
    assert.isTrue(lines[0].stock_reserved)
    assert.equal(await stockOf(fixture, shirt), 3)
    const movements = await movementsOf(fixture, shirt)
    assert.equal(movements.at(-1).reason, 'sale')
    assert.equal(movements.at(-1).delta, -2)

    const location = placed.header('location')!
    assert.match(
      location,
      new RegExp(`^${shopOf(fixture)}/orders/${order.id}/[A-Za-z0-9_-]{32}\\?placed$`)
    )
    const confirmation = await client.get(location)
    confirmation.assertStatus(200)
    assert.include(confirmation.text(), 'Order #1')
    assert.include(confirmation.text(), 'Thank you, Sara Shopper!')
    assert.include(confirmation.text(), 'Tax (10%)')
    assert.include(confirmation.text(), '$60.50')
    assert.include(confirmation.text(), 'Pay on delivery')

    const cart = await asShopper(client, 'get', `${shopOf(fixture)}/cart`, visitor)
    assert.include(cart.text(), 'Your cart is empty')

    const shopperMail = await lastMailTo(email, { subject: /Your order #1/ })
    assert.exists(shopperMail, 'the shopper got no confirmation')
    assert.include(shopperMail!.text, '$60.50')
    assert.include(shopperMail!.text, `/orders/${order.id}/`)
    const ownerMail = await lastMailTo(fixture.owner.email, { subject: /New order #1/ })
    assert.exists(ownerMail, 'the owner was not told')
    assert.include(ownerMail!.text, `/dashboard/orders/${order.id}`)
  })

  test('the confirmation page needs the key from the link: a wrong key is a 404', async ({
    client,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture)
    const visitor = await addToCart(client, fixture, variantId, 1)
    const total = await shownTotal(client, shopOf(fixture), visitor)
    await checkout(client, fixture, visitor, checkoutForm(total))
    const [order] = await ordersOf(fixture)
    const wrong = await client.get(`${shopOf(fixture)}/orders/${order.id}/${'x'.repeat(32)}`)
    wrong.assertStatus(404)
    const other = await createStore()
    const elsewhere = await client.get(`${shopOf(other)}/orders/${order.id}/${'x'.repeat(32)}`)
    elsewhere.assertStatus(404)
  })

  test('the order mails go in the store language to the owner', async ({ client, assert }) => {
    const fixture = await createStore()
    await withTenant(fixture.store, async () => {
      const { UpdateStoreSettings } = await import('#tenancy/mod')
      await new UpdateStoreSettings().handle({
        actorUserId: fixture.owner.id,
        storeName: fixture.store.name,
        defaultCurrency: 'USD',
        defaultLocale: 'ar',
        tagline: '',
      })
    })
    const variantId = await productFor(fixture)
    const visitor = await addToCart(client, fixture, variantId, 1)
    const total = await shownTotal(client, shopOf(fixture), visitor)
    const placed = await checkout(client, fixture, visitor, checkoutForm(total))
    placed.assertStatus(303)
    const ownerMail = await lastMailTo(fixture.owner.email, { subject: /طلب جديد/ })
    assert.exists(ownerMail, 'the owner got no mail in Arabic')
  })
})

test.group('Checkout | refusals', () => {
  test('a bad address: 422 with each message beside its field, nothing written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { stock: 5 })
    const visitor = await addToCart(client, fixture, variantId, 1)
    const total = await shownTotal(client, shopOf(fixture), visitor)
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email' }, 'Enter your email address, such as name@example.com'],
      [{ fullName: '' }, 'Enter the name to deliver to'],
      [{ phone: 'call me' }, 'Enter a phone number we can call on delivery'],
      [{ country: 'ZZ' }, 'Choose the country to deliver to from the list'],
      [{ city: '   ' }, 'Enter the city to deliver to'],
      [{ addressLine1: '' }, 'Enter the street and house or building'],
      [{ addressLine1: 'x'.repeat(201) }, 'Enter the street and house or building'],
      [{ expectedTotal: 'abc' }, 'open the checkout again'],
    ]
    for (const [overrides, message] of cases) {
      const response = await checkout(client, fixture, visitor, checkoutForm(total, overrides))
      assert.equal(response.status(), 422, JSON.stringify(overrides))
      assert.include(response.text(), message)
      if (!('expectedTotal' in overrides)) assert.include(response.text(), 'aria-invalid="true"')
    }
    assert.lengthOf(await ordersOf(fixture), 0)
    assert.equal(await stockOf(fixture, variantId), 5)

    const json = await asShopper(client, 'post', `${shopOf(fixture)}/checkout`, visitor)
      .header('accept', 'application/json')
      .json(checkoutForm(total, { city: '' }))
    json.assertStatus(422)
    assert.deepInclude(json.body().errors, {
      field: 'city',
      message: 'Enter the city to deliver to',
    })
  })

  test('an empty cart is refused politely', async ({ client, assert }) => {
    const fixture = await createStore()
    const page = await client.get(`${shopOf(fixture)}/checkout`)
    page.assertStatus(200)
    assert.include(page.text(), 'Your cart is empty')
    const response = await checkout(client, fixture, null, checkoutForm('0'))
    response.assertStatus(422)
    assert.include(response.text(), 'Your cart is empty: add something before you check out.')
    assert.lengthOf(await ordersOf(fixture), 0)
  })

  test('stock that ran out before placing: refused naming the line, nothing written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const plenty = await productFor(fixture, { title: 'Plenty', stock: 50 })
    const scarce = await productFor(fixture, { title: 'Scarce', stock: 2 })
    const first = await addToCart(client, fixture, plenty, 1)
    await addToCart(client, fixture, scarce, 2, first)
    const second = await addToCart(client, fixture, scarce, 1)
    const totalFirst = await shownTotal(client, shopOf(fixture), first)
    const totalSecond = await shownTotal(client, shopOf(fixture), second)
    ;(await checkout(client, fixture, second, checkoutForm(totalSecond))).assertStatus(303)

    const refused = await checkout(client, fixture, first, checkoutForm(totalFirst))
    refused.assertStatus(409)
    assert.include(refused.text(), 'Only 1 of Scarce left')
    assert.lengthOf(await ordersOf(fixture), 1)
    assert.equal(await stockOf(fixture, plenty), 50, 'the other line was not taken either')
    assert.equal(await stockOf(fixture, scarce), 1)
  })

  test('a price changed during checkout: refused with the new total, then placed on confirming', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { price: 1000n, stock: 5 })
    const visitor = await addToCart(client, fixture, variantId, 2)
    const seen = await shownTotal(client, shopOf(fixture), visitor)
    assert.equal(seen, '2000')
    await withTenant(fixture.store, () =>
      new ChangeVariantPrice().handle({
        actorUserId: fixture.owner.id,
        variantId,
        price: { amount: 1250n, currency: 'USD' },
      })
    )
    const refused = await checkout(client, fixture, visitor, checkoutForm(seen))
    refused.assertStatus(409)
    assert.include(
      refused.text(),
      'Prices changed since you opened the checkout. The new total is $25.00'
    )
    assert.include(refused.text(), 'name="expectedTotal" value="2500"')
    assert.include(refused.text(), 'value="Sara Shopper"', 'what the shopper typed is kept')
    assert.lengthOf(await ordersOf(fixture), 0)
    assert.equal(await stockOf(fixture, variantId), 5)

    const confirmed = await checkout(client, fixture, visitor, checkoutForm('2500'))
    confirmed.assertStatus(303)
    const [order] = await ordersOf(fixture)
    assert.equal(order.total_amount, '2500')
  })

  test('a product unpublished while in the cart is refused naming it', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { title: 'Gone Soon' })
    const visitor = await addToCart(client, fixture, variantId, 1)
    const total = await shownTotal(client, shopOf(fixture), visitor)
    const { currentClient } = await import('#tenancy/mod')
    await withTenant(fixture.store, () =>
      currentClient().from('products').where('status', 'active').update({ status: 'archived' })
    )
    const refused = await checkout(client, fixture, visitor, checkoutForm(total))
    refused.assertStatus(409)
    assert.include(refused.text(), 'Gone Soon is no longer available')
    assert.lengthOf(await ordersOf(fixture), 0)
  })
})

test.group('Checkout | money', () => {
  test('KWD, prices with VAT in them: 3-decimal totals exact, VAT shown with its rate', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await useCurrency(fixture, 'KWD')
    await setCheckout(fixture, { shippingAmount: 1500n, taxRateBp: 500, pricesIncludeTax: true })
    const a = await productFor(fixture, { title: 'Oud Oil', price: 12_345n, stock: 10 })
    const b = await productFor(fixture, { title: 'Dates Box', price: 3_333n, stock: 10 })
    const visitor = await addToCart(client, fixture, a, 3)
    await addToCart(client, fixture, b, 1, visitor)
    const total = await shownTotal(client, shopOf(fixture), visitor)
    // 3 × 12.345 + 3.333 + 1.500 shipping = 41.868, VAT inside: 41.868 - 41.868 / 1.05
    assert.equal(total, '41868')
    const placed = await checkout(client, fixture, visitor, checkoutForm(total))
    placed.assertStatus(303)
    const [order] = await ordersOf(fixture)
    assert.equal(order.currency, 'KWD')
    assert.equal(order.subtotal_amount, '40368')
    assert.equal(order.shipping_amount, '1500')
    assert.equal(order.total_amount, '41868')
    // 41.868 / 1.05 = 39.874285… → 39.874 net, so VAT 1.994
    assert.equal(order.tax_amount, '1994')
    const page = await client.get(placed.header('location')!)
    assert.include(page.text(), 'Includes VAT (5%)')
    assert.include(page.text(), 'KWD')
    assert.include(page.text(), '41.868')
    assert.include(page.text(), '1.994')
  })

  test('KWD, prices without tax: the tax is added on top, exact to the fils', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await useCurrency(fixture, 'KWD')
    await setCheckout(fixture, { shippingAmount: 0n, taxRateBp: 1500, pricesIncludeTax: false })
    const a = await productFor(fixture, { price: 7_777n, stock: 10 })
    const visitor = await addToCart(client, fixture, a, 3)
    const total = await shownTotal(client, shopOf(fixture), visitor)
    // 23.331 + 15 % (3.49965 → 3.500 half-even) = 26.831
    assert.equal(total, '26831')
    ;(await checkout(client, fixture, visitor, checkoutForm(total))).assertStatus(303)
    const [order] = await ordersOf(fixture)
    assert.equal(order.subtotal_amount, '23331')
    assert.equal(order.tax_amount, '3500')
    assert.equal(order.total_amount, '26831')
  })
})

test.group('Checkout | a store that never set shipping and tax', () => {
  test('ships free and adds no tax; a Gulf store counts its prices with VAT in them', async ({
    client,
    assert,
  }) => {
    for (const [currency, inclusive] of [
      ['USD', false],
      ['KWD', true],
    ] as const) {
      const fixture = await createStore()
      await useCurrency(fixture, currency)
      const variantId = await productFor(fixture, { price: 4_250n })
      const visitor = await addToCart(client, fixture, variantId, 2)
      const total = await shownTotal(client, shopOf(fixture), visitor)
      assert.equal(total, '8500')
      ;(await checkout(client, fixture, visitor, checkoutForm(total))).assertStatus(303)
      const [order] = await ordersOf(fixture)
      assert.equal(order.shipping_amount, '0')
      assert.equal(order.tax_amount, '0')
      assert.equal(order.prices_include_tax, inclusive, currency)
    }
  })
})

test.group('Checkout | shoppers racing for the last units', () => {
  test('100 checkouts at once for 10 units: exactly 10 orders, stock 0, the rest refused clearly', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, {
      title: 'Limited Edition',
      stock: 10,
      price: 990n,
    })
    const visitors: string[] = []
    for (let index = 0; index < 100; index++) {
      visitors.push(await addToCart(client, fixture, variantId, 1))
    }
    const responses = await Promise.all(
      visitors.map((visitor, index) =>
        checkout(
          client,
          fixture,
          visitor,
          checkoutForm('990', { email: `racer${index}@example.test` })
        )
      )
    )
    const statuses = responses.map((response) => response.status())
    assert.equal(statuses.filter((status) => status === 303).length, 10, statuses.join(','))
    assert.equal(statuses.filter((status) => status === 409).length, 90, statuses.join(','))
    for (const response of responses.filter((candidate) => candidate.status() === 409)) {
      assert.include(response.text(), 'Limited Edition is sold out')
    }
    assert.equal(await stockOf(fixture, variantId), 0)
    const orders = await ordersOf(fixture)
    assert.lengthOf(orders, 10)
    assert.deepEqual(
      orders.map((order: { number: number }) => order.number),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    )
    const sales = (await movementsOf(fixture, variantId)).filter(
      (movement: { reason: string }) => movement.reason === 'sale'
    )
    assert.lengthOf(sales, 10)
  }).timeout(120_000)

  test('order numbers follow each other without gaps or repeats under concurrency', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { stock: 1000, price: 100n })
    const visitors: string[] = []
    for (let index = 0; index < 30; index++) {
      visitors.push(await addToCart(client, fixture, variantId, 1))
    }
    const responses = await Promise.all(
      visitors.map((visitor) => checkout(client, fixture, visitor, checkoutForm('100')))
    )
    assert.isTrue(responses.every((response) => response.status() === 303))
    const numbers = (await ordersOf(fixture)).map((order: { number: number }) => order.number)
    assert.deepEqual(
      numbers,
      Array.from({ length: 30 }, (_, index) => index + 1)
    )
    const other = await createStore()
    const otherVariant = await productFor(other)
    const visitor = await addToCart(client, other, otherVariant, 1)
    const total = await shownTotal(client, shopOf(other), visitor)
    ;(await checkout(client, other, visitor, checkoutForm(total))).assertStatus(303)
    const [first] = await ordersOf(other)
    assert.equal(first.number, 1, 'each store counts its own orders')
  }).timeout(120_000)

  test('a double click places one order', async ({ client, assert }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { stock: 10, price: 100n })
    const visitor = await addToCart(client, fixture, variantId, 1)
    const responses = await Promise.all(
      [1, 2].map(() => checkout(client, fixture, visitor, checkoutForm('100')))
    )
    const statuses = responses.map((response) => response.status()).sort()
    assert.equal(statuses[0], 303)
    // the second finds the checkout held (409) or the cart already emptied (422)
    assert.include([409, 422], statuses[1])
    assert.lengthOf(await ordersOf(fixture), 1)
    assert.equal(await stockOf(fixture, variantId), 9)
  })
})
