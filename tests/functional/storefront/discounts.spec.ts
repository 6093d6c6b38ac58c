import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { clock } from '#core/mod'
import { withTenant } from '#tenancy/mod'
import { createStore, uniqueEmail, type TestStore } from '#tests/helpers'
import DiscountCode from '#storefront/models/discount_code'
import { formAs, jsonAs } from '../identity/support.js'
import {
  addToCart,
  asShopper,
  checkout,
  checkoutForm,
  ordersOf,
  productFor,
  setCheckout,
  shopOf,
  useCurrency,
} from './orders_support.js'

const DISCOUNTS = '/dashboard/orders/discounts'

const platform = () => db.connection('platform')

/** A code of the store, created as the store (percentage 10 % unless told) */
async function seedDiscount(
  fixture: TestStore,
  overrides: Partial<{
    code: string
    kind: 'percentage' | 'fixed'
    percentageBp: number | null
    fixedAmount: bigint | null
    minimumOrderAmount: bigint
    startsAt: DateTime
    endsAt: DateTime | null
    usageLimit: number | null
    perCustomerLimit: number | null
    active: boolean
  }> = {}
) {
  return withTenant(fixture.store, () =>
    DiscountCode.create({
      code: 'SAVE10',
      kind: 'percentage',
      percentageBp: 1000,
      fixedAmount: null,
      currency: fixture.store.defaultCurrency,
      minimumOrderAmount: 0n,
      startsAt: clock.now().minus({ days: 1 }),
      endsAt: null,
      usageLimit: null,
      perCustomerLimit: null,
      timesUsed: 0,
      active: true,
      ...overrides,
    })
  )
}

function codesOf(fixture: TestStore) {
  return platform().from('discount_codes').where('tenant_id', fixture.store.id)
}

function redemptionsOf(fixture: TestStore) {
  return platform().from('discount_redemptions').where('tenant_id', fixture.store.id)
}

function applyCode(
  client: any,
  fixture: TestStore,
  visitor: string | null,
  form: Record<string, unknown>
) {
  return asShopper(client, 'post', `${shopOf(fixture)}/cart/discount`, visitor, form)
}

async function shownTotal(client: any, fixture: TestStore, visitor: string) {
  const page = await asShopper(client, 'get', `${shopOf(fixture)}/checkout`, visitor)
  page.assertStatus(200)
  const match = /name="expectedTotal" value="(\d+)"/.exec(page.text())
  if (!match) throw new Error(`no total on the checkout page: ${page.text().slice(0, 500)}`)
  return { total: match[1], page: page.text() }
}

/** A cart with `price` × `quantity` and the code applied (asserting it applied) */
async function cartWithCode(
  client: any,
  fixture: TestStore,
  variantId: string,
  code: string,
  quantity = 1
) {
  const visitor = await addToCart(client, fixture, variantId, quantity)
  const applied = await applyCode(client, fixture, visitor, { code })
  if (applied.status() !== 303) {
    throw new Error(
      `applying ${code} answered ${applied.status()}: ${applied.text().slice(0, 400)}`
    )
  }
  return visitor
}

test.group('Discounts | applying a code in the cart', () => {
  test('a code applies whatever its case: the cart and the checkout show what it takes off', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedDiscount(fixture, { code: 'SAVE10' })
    const shirt = await productFor(fixture, { price: 2500n, stock: 5 })
    const visitor = await addToCart(client, fixture, shirt, 2)
    const applied = await applyCode(client, fixture, visitor, { code: '  save10 ' })
    applied.assertStatus(303)
    assert.match(applied.header('location')!, /\/cart$/)

    const cart = await asShopper(client, 'get', `${shopOf(fixture)}/cart`, visitor)
    assert.include(cart.text(), 'Discount (SAVE10)')
    assert.include(cart.text(), '$5.00')
    const { total, page } = await shownTotal(client, fixture, visitor)
    assert.equal(total, '4500')
    assert.include(page, 'Discount (SAVE10)')

    const json = await asShopper(client, 'post', `${shopOf(fixture)}/cart/discount`, visitor, {
      code: 'SAVE10',
    }).header('accept', 'application/json')
    json.assertStatus(200)
    assert.deepEqual(json.body(), { discount: { code: 'SAVE10', currency: 'USD', amount: '500' } })
  })

  test('removing the code brings the full total back; removing none is a 404', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedDiscount(fixture)
    const item = await productFor(fixture, { price: 1000n, stock: 5 })
    const visitor = await cartWithCode(client, fixture, item, 'SAVE10')
    assert.equal((await shownTotal(client, fixture, visitor)).total, '900')
    const removed = await asShopper(
      client,
      'post',
      `${shopOf(fixture)}/cart/discount?_method=DELETE`,
      visitor,
      { returnTo: 'checkout' }
    )
    removed.assertStatus(303)
    assert.match(removed.header('location')!, /\/checkout$/)
    assert.equal((await shownTotal(client, fixture, visitor)).total, '1000')
    const again = await asShopper(
      client,
      'post',
      `${shopOf(fixture)}/cart/discount?_method=DELETE`,
      visitor
    )
    again.assertStatus(404)
  })

  test('{label}')
    .with([
      {
        label: 'an unknown code is refused by name',
        code: 'NOPE',
        seed: null,
        expected: 'There is no discount code “NOPE” in this store',
      },
      {
        label: 'an expired code says when it ended',
        code: 'OLD',
        seed: {
          code: 'OLD',
          startsAt: DateTime.utc(2025, 1, 1),
          endsAt: DateTime.utc(2025, 2, 1),
        },
        expected: 'The code OLD has expired: it ended on Feb 1, 2025',
      },
      {
        label: 'a code not started yet says when it starts',
        code: 'SOON',
        seed: { code: 'SOON', startsAt: DateTime.utc(2099, 3, 1) },
        expected: 'The code SOON cannot be used yet: it starts on Mar 1, 2099',
      },
      {
        label: 'a minimum not reached says the minimum and the goods',
        code: 'BIG',
        seed: { code: 'BIG', minimumOrderAmount: 5000n },
        expected: 'The code BIG needs an order of at least $50.00; your goods come to $10.00.',
      },
      {
        label: 'a used-up code says so',
        code: 'GONE',
        seed: { code: 'GONE', usageLimit: 3, timesUsedAfter: 3 },
        expected: 'The code GONE has been used as many times as it can be.',
      },
      {
        label: 'a deactivated code is no longer on offer',
        code: 'OFF',
        seed: { code: 'OFF', active: false },
        expected: 'The code OFF is no longer on offer.',
      },
    ])
    .run(async ({ client, assert }, row) => {
      const fixture = await createStore()
      if (row.seed) {
        const { timesUsedAfter, ...seed } = row.seed as Record<string, any>
        const discount = await seedDiscount(fixture, seed)
        if (timesUsedAfter) {
          await withTenant(fixture.store, async () => {
            discount.timesUsed = timesUsedAfter
            await discount.save()
          })
        }
      }
      const item = await productFor(fixture, { price: 1000n, stock: 5 })
      const visitor = await addToCart(client, fixture, item, 1)
      const refused = await applyCode(client, fixture, visitor, { code: row.code })
      refused.assertStatus(422)
      assert.include(refused.text().replaceAll('&#39;', "'"), row.expected)
      const json = await applyCode(client, fixture, visitor, { code: row.code }).header(
        'accept',
        'application/json'
      )
      json.assertStatus(422)
      assert.include(json.body().errors[0].message, row.expected)
      assert.equal(json.body().errors[0].field, 'code')
      assert.equal((await shownTotal(client, fixture, visitor)).total, '1000')
    })

  test('a shopper who used the code up is told so when they give their email', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedDiscount(fixture, { code: 'ONCE', perCustomerLimit: 1 })
    const item = await productFor(fixture, { price: 1000n, stock: 5 })
    const first = await cartWithCode(client, fixture, item, 'ONCE')
    const { total } = await shownTotal(client, fixture, first)
    const placed = await checkout(
      client,
      fixture,
      first,
      checkoutForm(total, { email: 'Loyal@Example.test' })
    )
    placed.assertStatus(303)
    const second = await addToCart(client, fixture, item, 1)
    const refused = await applyCode(client, fixture, second, {
      code: 'once',
      email: ' loyal@example.TEST ',
      returnTo: 'checkout',
    })
    refused.assertStatus(422)
    assert.include(
      refused.text(),
      'You have already used the code ONCE as many times as it allows.'
    )
    assert.include(refused.text(), 'name="expectedTotal" value="1000"')
  })

  test('bad input: 422 with a message, nothing stored; an empty cart is told to fill up', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedDiscount(fixture)
    const item = await productFor(fixture, { price: 1000n, stock: 5 })
    const visitor = await addToCart(client, fixture, item, 1)
    for (const form of [{}, { code: '' }, { code: 'X'.repeat(41) }, { code: ['A', 'B'] }]) {
      const refused = await applyCode(client, fixture, visitor, form).header(
        'accept',
        'application/json'
      )
      refused.assertStatus(422)
      assert.include(refused.body().errors[0].message, 'Enter a discount code')
    }
    const badEmail = await applyCode(client, fixture, visitor, {
      code: 'SAVE10',
      email: 'nope',
    })
    badEmail.assertStatus(422)
    assert.equal((await shownTotal(client, fixture, visitor)).total, '1000')
    const empty = await applyCode(client, fixture, null, { code: 'SAVE10' })
    empty.assertStatus(422)
    assert.include(empty.text(), 'Your cart is empty')
  })
})

test.group('Discounts | placing an order with a code', () => {
  test('the order keeps the code and amount, the use is counted and redeemed', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await setCheckout(fixture, { shippingAmount: 500n, taxRateBp: 1000 })
    const discount = await seedDiscount(fixture, {
      code: 'FIVE',
      kind: 'fixed',
      percentageBp: null,
      fixedAmount: 500n,
    })
    const item = await productFor(fixture, { price: 2500n, stock: 5 })
    const visitor = await cartWithCode(client, fixture, item, 'five', 2)
    const { total } = await shownTotal(client, fixture, visitor)
    // (50.00 − 5.00 + 5.00 shipping) + 10 % tax = 55.00
    assert.equal(total, '5500')
    const email = uniqueEmail('Shopper')
    const placed = await checkout(client, fixture, visitor, checkoutForm(total, { email }))
    placed.assertStatus(303)
    const [order] = await ordersOf(fixture)
    assert.equal(order.discount_code, 'FIVE')
    assert.equal(order.discount_amount, '500')
    assert.equal(order.subtotal_amount, '5000')
    assert.equal(order.tax_amount, '500')
    assert.equal(order.total_amount, '5500')
    const [code] = await codesOf(fixture)
    assert.equal(code.times_used, 1)
    const redemptions = await redemptionsOf(fixture)
    assert.lengthOf(redemptions, 1)
    assert.equal(redemptions[0].discount_code_id, discount.id)
    assert.equal(redemptions[0].order_id, order.id)
    assert.equal(redemptions[0].email, email.toLowerCase())
    assert.equal(redemptions[0].amount, '500')

    const confirmation = await client.get(placed.header('location')!)
    assert.include(confirmation.text(), 'Discount (FIVE)')
    assert.include(confirmation.text(), '−$5.00')
    const detail = await client.get(`/dashboard/orders/${order.id}`).loginAs(fixture.owner)
    assert.include(detail.text(), 'Discount (FIVE)')
  })

  test('KWD with VAT in the prices: the VAT is figured on the discounted goods, exact to the fils', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await useCurrency(fixture, 'KWD')
    await setCheckout(fixture, { shippingAmount: 1500n, taxRateBp: 500, pricesIncludeTax: true })
    await seedDiscount(fixture, { code: 'EID10' })
    const a = await productFor(fixture, { price: 12_345n, stock: 10 })
    const b = await productFor(fixture, { price: 3_333n, stock: 10 })
    const visitor = await addToCart(client, fixture, a, 3)
    await addToCart(client, fixture, b, 1, visitor)
    ;(await applyCode(client, fixture, visitor, { code: 'EID10' })).assertStatus(303)
    const { total, page } = await shownTotal(client, fixture, visitor)
    // 40.368 goods − 4.037 (10 %, half-even) + 1.500 shipping = 37.831, VAT inside it
    assert.equal(total, '37831')
    assert.include(page, '4.037')
    ;(await checkout(client, fixture, visitor, checkoutForm(total))).assertStatus(303)
    const [order] = await ordersOf(fixture)
    assert.equal(order.subtotal_amount, '40368')
    assert.equal(order.discount_amount, '4037')
    assert.equal(order.total_amount, '37831')
    // 37.831 / 1.05 = 36.02952… → 36.030 net, so VAT 1.801
    assert.equal(order.tax_amount, '1801')
  })

  test('KWD without tax: a fixed code comes off before the tax is added', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await useCurrency(fixture, 'KWD')
    await setCheckout(fixture, { shippingAmount: 0n, taxRateBp: 1500, pricesIncludeTax: false })
    await seedDiscount(fixture, {
      code: 'KWD2500',
      kind: 'fixed',
      percentageBp: null,
      fixedAmount: 2500n,
      minimumOrderAmount: 20_000n,
    })
    const a = await productFor(fixture, { price: 7_777n, stock: 10 })
    const visitor = await cartWithCode(client, fixture, a, 'KWD2500', 3)
    const { total } = await shownTotal(client, fixture, visitor)
    // 23.331 − 2.500 = 20.831, + 15 % = 3.12465 → 3.125: 23.956
    assert.equal(total, '23956')
    ;(await checkout(client, fixture, visitor, checkoutForm(total))).assertStatus(303)
    const [order] = await ordersOf(fixture)
    assert.equal(order.discount_amount, '2500')
    assert.equal(order.tax_amount, '3125')
    assert.equal(order.total_amount, '23956')
  })

  test('a code deactivated while the shopper checks out: 409 with the total without it, then placed on confirming', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const discount = await seedDiscount(fixture, { code: 'FLASH' })
    const item = await productFor(fixture, { price: 1000n, stock: 5 })
    const visitor = await cartWithCode(client, fixture, item, 'FLASH')
    const { total } = await shownTotal(client, fixture, visitor)
    assert.equal(total, '900')
    await withTenant(fixture.store, async () => {
      discount.active = false
      await discount.save()
    })
    const refused = await checkout(client, fixture, visitor, checkoutForm(total))
    refused.assertStatus(409)
    assert.include(refused.text(), 'The code FLASH is no longer on offer.')
    assert.include(refused.text(), 'Without the code, the total is $10.00')
    assert.include(refused.text(), 'name="expectedTotal" value="1000"')
    assert.lengthOf(await ordersOf(fixture), 0)
    const placed = await checkout(client, fixture, visitor, checkoutForm('1000'))
    placed.assertStatus(303)
    const [order] = await ordersOf(fixture)
    assert.isNull(order.discount_code)
    assert.equal(order.discount_amount, '0')
  })
})

test.group('Discounts | limits under concurrency', () => {
  test('20 checkouts at once for a code used at most 5 times: exactly 5 discounted orders', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedDiscount(fixture, { code: 'FIRST5', usageLimit: 5 })
    const item = await productFor(fixture, { price: 1000n, stock: 100 })
    const visitors: string[] = []
    for (let index = 0; index < 20; index++) {
      visitors.push(await cartWithCode(client, fixture, item, 'FIRST5'))
    }
    const responses = await Promise.all(
      visitors.map((visitor, index) =>
        checkout(
          client,
          fixture,
          visitor,
          checkoutForm('900', { email: `racer${index}@example.test` })
        )
      )
    )
    const statuses = responses.map((response) => response.status())
    assert.equal(statuses.filter((status) => status === 303).length, 5, statuses.join(','))
    assert.equal(statuses.filter((status) => status === 409).length, 15, statuses.join(','))
    for (const response of responses.filter((candidate) => candidate.status() === 409)) {
      assert.include(response.text(), 'The code FIRST5 has been used as many times as it can be.')
      assert.include(response.text(), 'Without the code, the total is $10.00')
    }
    const orders = await ordersOf(fixture)
    assert.lengthOf(orders, 5)
    assert.isTrue(orders.every((order: any) => order.discount_code === 'FIRST5'))
    const [code] = await codesOf(fixture)
    assert.equal(code.times_used, 5)
    assert.lengthOf(await redemptionsOf(fixture), 5)

    const refusedVisitor = visitors[statuses.indexOf(409)]
    const confirmed = await checkout(client, fixture, refusedVisitor, checkoutForm('1000'))
    confirmed.assertStatus(303)
    assert.lengthOf(await ordersOf(fixture), 6)
  }).timeout(120_000)

  test('10 checkouts at once by one customer for a code once per customer: exactly 1', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedDiscount(fixture, { code: 'WELCOME', perCustomerLimit: 1 })
    const item = await productFor(fixture, { price: 1000n, stock: 100 })
    const visitors: string[] = []
    for (let index = 0; index < 10; index++) {
      visitors.push(await cartWithCode(client, fixture, item, 'WELCOME'))
    }
    const responses = await Promise.all(
      visitors.map((visitor, index) =>
        checkout(
          client,
          fixture,
          visitor,
          checkoutForm('900', { email: index % 2 ? 'same@example.test' : 'SAME@example.test' })
        )
      )
    )
    const statuses = responses.map((response) => response.status())
    assert.equal(statuses.filter((status) => status === 303).length, 1, statuses.join(','))
    assert.equal(statuses.filter((status) => status === 409).length, 9, statuses.join(','))
    for (const response of responses.filter((candidate) => candidate.status() === 409)) {
      assert.include(response.text(), 'You have already used the code WELCOME')
    }
    const [code] = await codesOf(fixture)
    assert.equal(code.times_used, 1)
    const redemptions = await redemptionsOf(fixture)
    assert.lengthOf(redemptions, 1)
    assert.equal(redemptions[0].email, 'same@example.test')
  }).timeout(120_000)
})

const validForm = (overrides: Record<string, unknown> = {}) => ({
  code: 'spring25',
  kind: 'percentage',
  percentage: '25',
  fixedAmount: '',
  minimumOrder: '10.000',
  startsAt: '2026-03-01',
  endsAt: '2026-03-31',
  usageLimit: '100',
  perCustomerLimit: '1',
  active: '1',
  ...overrides,
})

test.group('Discounts | the dashboard', () => {
  test('every member sees the codes; only those who work the orders may change them', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedDiscount(fixture, { code: 'LISTED' })
    for (const role of ['owner', 'admin', 'finance', 'member'] as const) {
      const list = await client.get(DISCOUNTS).loginAs(fixture.members[role])
      list.assertStatus(200)
      assert.include(list.text(), 'LISTED')
      assert.equal(list.text().includes('New discount code'), role !== 'finance', role)
      assert.equal(list.text().includes('/edit"'), role !== 'finance', role)
    }
    const finance = fixture.members.finance
    ;(await client.get(`${DISCOUNTS}/create`).loginAs(finance)).assertStatus(403)
    ;(await formAs(client, finance, 'post', DISCOUNTS, validForm())).assertStatus(403)
    assert.lengthOf(await codesOf(fixture), 1)
    const created = await formAs(client, fixture.members.member, 'post', DISCOUNTS, validForm())
    created.assertStatus(303)
    assert.lengthOf(await codesOf(fixture), 2)
  })

  test('a code is created in the store currency, edited and deactivated, each in the activity log', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await useCurrency(fixture, 'KWD')
    const owner = fixture.owner
    ;(await client.get(`${DISCOUNTS}/create`).loginAs(owner)).assertStatus(200)
    const created = await formAs(client, owner, 'post', DISCOUNTS, validForm())
    created.assertStatus(303)
    const [code] = await codesOf(fixture)
    assert.equal(code.code, 'SPRING25')
    assert.equal(code.percentage_bp, 2500)
    assert.equal(code.currency, 'KWD')
    assert.equal(code.minimum_order_amount, '10000')
    assert.equal(new Date(code.starts_at).toISOString(), '2026-03-01T00:00:00.000Z')
    assert.equal(new Date(code.ends_at).toISOString(), '2026-04-01T00:00:00.000Z')
    assert.equal(code.usage_limit, 100)
    assert.equal(code.per_customer_limit, 1)
    assert.isTrue(code.active)

    const edit = await client.get(`${DISCOUNTS}/${code.id}/edit`).loginAs(owner)
    edit.assertStatus(200)
    assert.include(edit.text(), 'value="2026-03-31"')
    assert.include(edit.text(), 'value="10.000"')
    const updated = await formAs(
      client,
      owner,
      'put',
      `${DISCOUNTS}/${code.id}`,
      validForm({ kind: 'fixed', percentage: '', fixedAmount: '2.750', usageLimit: '' })
    )
    updated.assertStatus(303)
    const [after] = await codesOf(fixture)
    assert.equal(after.kind, 'fixed')
    assert.isNull(after.percentage_bp)
    assert.equal(after.fixed_amount, '2750')
    assert.isNull(after.usage_limit)

    const deactivated = await formAs(client, owner, 'delete', `${DISCOUNTS}/${code.id}`)
    deactivated.assertStatus(303)
    const [off] = await codesOf(fixture)
    assert.isFalse(off.active)

    const actions = await platform()
      .from('activities')
      .where('tenant_id', fixture.store.id)
      .where('action', 'like', 'order.discount%')
      .orderBy('created_at', 'asc')
      .select('action', 'data')
    assert.deepEqual(
      actions.map((row: { action: string }) => row.action),
      ['order.discount_created', 'order.discount_updated', 'order.discount_deactivated']
    )
    const activity = await client.get('/dashboard/activity').loginAs(owner)
    assert.include(activity.text(), 'created the discount code SPRING25')
    assert.include(activity.text(), 'deactivated the discount code SPRING25')
  })

  test('{label}')
    .with([
      {
        label: 'a code too short',
        form: { code: 'AB' },
        field: 'code',
        says: 'Enter a discount code',
      },
      {
        label: 'a code with spaces',
        form: { code: 'TWO WORDS' },
        field: 'code',
        says: 'Enter a discount code',
      },
      {
        label: 'an unknown kind',
        form: { kind: 'free' },
        field: 'kind',
        says: 'percentage or a fixed amount',
      },
      {
        label: 'no percentage',
        form: { percentage: '' },
        field: 'percentage',
        says: 'Enter the percentage',
      },
      {
        label: 'a percentage past 100',
        form: { percentage: '150' },
        field: 'percentage',
        says: 'Enter the percentage',
      },
      {
        label: 'a zero percentage',
        form: { percentage: '0' },
        field: 'percentage',
        says: 'Enter the percentage',
      },
      {
        label: 'a fixed amount that is not one',
        form: { kind: 'fixed', fixedAmount: 'abc' },
        field: 'fixedAmount',
        says: 'Enter the amount to take off',
      },
      {
        label: 'a fixed amount finer than the fils',
        form: { kind: 'fixed', fixedAmount: '1.2345' },
        field: 'fixedAmount',
        says: 'Enter the amount to take off',
      },
      {
        label: 'a zero fixed amount',
        form: { kind: 'fixed', fixedAmount: '0' },
        field: 'fixedAmount',
        says: 'Enter the amount to take off',
      },
      {
        label: 'a bad minimum',
        form: { minimumOrder: '-5' },
        field: 'minimumOrder',
        says: 'Enter the minimum order',
      },
      {
        label: 'a bad date',
        form: { startsAt: '2026-13-45' },
        field: 'startsAt',
        says: 'Enter the first day',
      },
      {
        label: 'a last day before the first',
        form: { endsAt: '2026-02-01' },
        field: 'endsAt',
        says: 'The last day must be',
      },
      {
        label: 'a zero usage limit',
        form: { usageLimit: '0' },
        field: 'usageLimit',
        says: 'Enter how many orders',
      },
      {
        label: 'a usage limit in words',
        form: { usageLimit: 'ten' },
        field: 'usageLimit',
        says: 'Enter how many orders',
      },
      {
        label: 'a per-customer limit with decimals',
        form: { perCustomerLimit: '1.5' },
        field: 'perCustomerLimit',
        says: 'Enter how many orders one customer',
      },
    ])
    .run(async ({ client, assert }, row) => {
      const fixture = await createStore()
      await useCurrency(fixture, 'KWD')
      const refused = await formAs(client, fixture.owner, 'post', DISCOUNTS, validForm(row.form))
      refused.assertStatus(422)
      assert.include(refused.text().replaceAll('&#39;', "'"), row.says)
      assert.notInclude(refused.text(), 'value="null"', 'empty fields come back empty')
      const json = await jsonAs(client, fixture.owner, 'post', DISCOUNTS, validForm(row.form))
      json.assertStatus(422)
      assert.equal(json.body().errors[0].field, row.field)
      assert.lengthOf(await codesOf(fixture), 0)
    })

  test('a code already in the store, in any case, is refused on create and edit', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedDiscount(fixture, { code: 'TAKEN' })
    const other = await seedDiscount(fixture, { code: 'OTHER' })
    const created = await formAs(
      client,
      fixture.owner,
      'post',
      DISCOUNTS,
      validForm({ code: 'taken' })
    )
    created.assertStatus(422)
    assert.include(created.text(), 'The code TAKEN already exists in this store')
    const edited = await formAs(
      client,
      fixture.owner,
      'put',
      `${DISCOUNTS}/${other.id}`,
      validForm({ code: 'Taken', minimumOrder: '' })
    )
    edited.assertStatus(422)
    const codes = (await codesOf(fixture)).map((row: { code: string }) => row.code).sort()
    assert.deepEqual(codes, ['OTHER', 'TAKEN'])
  })

  test("another store's code is not found: 404 for edit, update and deactivate, nothing changes", async ({
    client,
    assert,
  }) => {
    const victim = await createStore()
    const code = await seedDiscount(victim, { code: 'SECRETCODE' })
    const attacker = await createStore()
    const owner = attacker.owner
    const list = await client.get(DISCOUNTS).loginAs(owner)
    list.assertStatus(200)
    assert.notInclude(list.text(), 'SECRETCODE')
    ;(await client.get(`${DISCOUNTS}/${code.id}/edit`).loginAs(owner)).assertStatus(404)
    ;(await formAs(client, owner, 'put', `${DISCOUNTS}/${code.id}`, validForm())).assertStatus(404)
    ;(await formAs(client, owner, 'delete', `${DISCOUNTS}/${code.id}`)).assertStatus(404)
    const [after] = await codesOf(victim)
    assert.equal(after.code, 'SECRETCODE')
    assert.isTrue(after.active)
    assert.lengthOf(await codesOf(attacker), 0)

    const item = await productFor(attacker, { price: 1000n, stock: 5 })
    const visitor = await addToCart(client, attacker, item, 1)
    const refused = await applyCode(client, attacker, visitor, { code: 'SECRETCODE' })
    refused.assertStatus(422)
    assert.include(refused.text(), 'There is no discount code')
  })

  test('the list and the form speak Arabic', async ({ client, assert }) => {
    const fixture = await createStore()
    await seedDiscount(fixture, { code: 'ARABIC' })
    const list = await client.get(`${DISCOUNTS}?lang=ar`).loginAs(fixture.owner)
    list.assertStatus(200)
    assert.include(list.text(), 'dir="rtl"')
    assert.include(list.text(), 'رموز الخصم')
    const form = await client.get(`${DISCOUNTS}/create?lang=ar`).loginAs(fixture.owner)
    assert.include(form.text(), 'رمز خصم جديد')
  })
})
