import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { formatMoney, money, toProcessorAmount } from '#core/mod'
import { createStore, unique, type TestStore } from '#tests/helpers'
import { formAs } from '#tests/functional/identity/support'
import { now, signed, stripeEvent, stripeStandIn } from '#tests/functional/billing/support'
import {
  addToCart,
  asShopper,
  checkout,
  checkoutForm,
  ordersOf,
  productFor,
  setCheckout,
  shopOf,
  stockOf,
  useCurrency,
} from './orders_support.js'

const SETTINGS = '/dashboard/orders/settings'
const CARD_SETTINGS = '/dashboard/orders/settings/card-payments'
const SESSIONS = 'POST /v1/checkout/sessions'

const platform = () => db.connection('platform')

/** A Stripe stand-in for the test's duration (billing's, which records every call) */
function standIn(cleanup: (fn: () => Promise<void>) => void) {
  return stripeStandIn((fn) => cleanup(async () => void (await fn())))
}

interface CardStore extends TestStore {
  secretKey: string
  webhookSecret: string
}

/** A store with card payments configured by its owner through the settings page */
async function cardStore(client: ApiClient, currency = 'KWD'): Promise<CardStore> {
  const fixture = await createStore()
  if (currency !== 'USD') await useCurrency(fixture, currency)
  await setCheckout(fixture, { pricesIncludeTax: true })
  const keys = { secretKey: unique('sk_test_'), webhookSecret: unique('whsec_') }
  const saved = await formAs(client, fixture.owner, 'put', CARD_SETTINGS, keys)
  if (saved.status() !== 302) throw new Error(`saving the keys answered ${saved.status()}`)
  return { ...fixture, ...keys }
}

/** The checkout page's total for the visitor's cart, and its HTML */
async function checkoutPage(client: ApiClient, fixture: TestStore, visitor: string) {
  const page = await asShopper(client, 'get', `${shopOf(fixture)}/checkout`, visitor)
  page.assertStatus(200)
  return { html: page.text(), total: /name="expectedTotal" value="(\d+)"/.exec(page.text())![1] }
}

/** A card order of one item at `price`, placed through the checkout */
async function cardOrder(client: ApiClient, fixture: TestStore, price = 12_345n) {
  const variantId = await productFor(fixture, { price, stock: 10 })
  const visitor = await addToCart(client, fixture, variantId)
  const { total } = await checkoutPage(client, fixture, visitor)
  const placed = await checkout(client, fixture, visitor, checkoutForm(total, { payment: 'card' }))
  const [order] = await ordersOf(fixture)
  return { placed, order, variantId }
}

/** The Checkout Session Stripe reports for `order`, paid unless told otherwise */
function sessionOf(
  order: { id: string; charged_amount: string | null; currency: string },
  tenantId: string,
  fields: Record<string, unknown> = {}
) {
  return {
    id: unique('cs_test_'),
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    amount_total: Number(order.charged_amount),
    currency: order.currency.toLowerCase(),
    client_reference_id: order.id,
    metadata: { order_id: order.id, tenant_id: tenantId },
    ...fields,
  }
}

function deliverTo(
  client: ApiClient,
  storeId: string,
  event: object,
  signer: { webhookSecret: string; timestamp?: number }
) {
  const { body, header } = signed(event, {
    secret: signer.webhookSecret,
    timestamp: signer.timestamp,
  })
  return client
    .post(`/webhooks/stripe/stores/${storeId}`)
    .header('stripe-signature', header)
    .header('accept', 'application/json')
    .unsafeJson(body)
}

const activitiesOf = (fixture: TestStore, action: string) =>
  platform().from('activities').where({ tenant_id: fixture.store.id, action })

const orderOf = async (fixture: TestStore) => (await ordersOf(fixture))[0]

test.group('Card payments | the merchant sets up Stripe', () => {
  test('the keys are stored encrypted and never shown again; the webhook URL is', async ({
    client,
    assert,
  }) => {
    const fixture = await cardStore(client)
    const [row] = await platform().from('store_card_payments').where('tenant_id', fixture.store.id)
    assert.notInclude(JSON.stringify(row), fixture.secretKey)
    assert.notInclude(JSON.stringify(row), fixture.webhookSecret)
    assert.equal(row.secret_key_last4, fixture.secretKey.slice(-4))

    const page = await client.get(SETTINGS).loginAs(fixture.owner)
    page.assertStatus(200)
    assert.notInclude(page.text(), fixture.secretKey)
    assert.notInclude(page.text(), fixture.webhookSecret)
    assert.include(page.text(), `Secret key ending …${fixture.secretKey.slice(-4)}`)
    assert.include(page.text(), `/webhooks/stripe/stores/${fixture.store.id}</code>`)

    const [entry] = await activitiesOf(fixture, 'order.card_payments_configured')
    assert.exists(entry)
    assert.notInclude(JSON.stringify(entry), fixture.secretKey)
    assert.notInclude(JSON.stringify(entry), fixture.webhookSecret)
    const log = await client.get('/dashboard/activity?lang=en').loginAs(fixture.owner)
    log.assertStatus(200)
    assert.include(
      log.text(),
      `set up card payments (Stripe key ending …${fixture.secretKey.slice(-4)})`
    )
    assert.notInclude(log.text(), fixture.secretKey)
  })

  test('keys without the Stripe prefixes are refused with 422 and nothing is saved', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    for (const [keys, field] of [
      [{ secretKey: 'pk_test_123456789', webhookSecret: 'whsec_abcdefghij' }, 'sk_live_'],
      [{ secretKey: 'sk_test_123456789', webhookSecret: 'secret_abcdefgh' }, 'whsec_'],
      [{ secretKey: '', webhookSecret: '' }, 'sk_live_'],
    ] as const) {
      const refused = await formAs(client, fixture.owner, 'put', CARD_SETTINGS, keys)
      refused.assertStatus(422)
      assert.include(refused.text(), field)
      if (keys.secretKey) assert.notInclude(refused.text(), `value="${keys.secretKey}"`)
    }
    const rows = await platform().from('store_card_payments').where('tenant_id', fixture.store.id)
    assert.lengthOf(rows, 0)
  })

  test('the keys can be replaced and removed; removing turns card payments off', async ({
    client,
    assert,
  }) => {
    const fixture = await cardStore(client)
    const next = { secretKey: unique('rk_live_'), webhookSecret: unique('whsec_') }
    ;(await formAs(client, fixture.owner, 'put', CARD_SETTINGS, next)).assertStatus(302)
    const [row] = await platform().from('store_card_payments').where('tenant_id', fixture.store.id)
    assert.equal(row.secret_key_last4, next.secretKey.slice(-4))
    assert.lengthOf(await activitiesOf(fixture, 'order.card_payments_replaced'), 1)

    ;(await formAs(client, fixture.owner, 'delete', CARD_SETTINGS)).assertStatus(302)
    assert.lengthOf(
      await platform().from('store_card_payments').where('tenant_id', fixture.store.id),
      0
    )
    assert.lengthOf(await activitiesOf(fixture, 'order.card_payments_removed'), 1)
    const variantId = await productFor(fixture)
    const visitor = await addToCart(client, fixture, variantId)
    const { html } = await checkoutPage(client, fixture, visitor)
    assert.notInclude(html, 'Pay by card (Stripe)')
  })

  test('only owners and admins may set the keys ({$self})')
    .with(['finance', 'member'] as const)
    .run(async ({ client, assert }, role) => {
      const fixture = await createStore()
      const keys = { secretKey: unique('sk_test_'), webhookSecret: unique('whsec_') }
      ;(await formAs(client, fixture.members[role], 'put', CARD_SETTINGS, keys)).assertStatus(403)
      ;(await formAs(client, fixture.members[role], 'delete', CARD_SETTINGS)).assertStatus(403)
      ;(await formAs(client, fixture.members.admin, 'put', CARD_SETTINGS, keys)).assertStatus(302)
      const rows = await platform().from('store_card_payments').where('tenant_id', fixture.store.id)
      assert.lengthOf(rows, 1)
    })
})

test.group('Card payments | checkout', () => {
  test('a KWD card order goes to Stripe in whole tens of fils, said on the page first', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await standIn(cleanup)
    const fixture = await cardStore(client)
    const variantId = await productFor(fixture, { price: 12_345n, stock: 10 })
    const visitor = await addToCart(client, fixture, variantId)
    const { html, total } = await checkoutPage(client, fixture, visitor)
    const charged = toProcessorAmount(money(12_345n, 'KWD'))
    assert.equal(charged, 12_340n, '12.345 rounds half to even to 12.340')
    assert.include(html, 'Pay by card (Stripe)')
    assert.match(html, /value="cash_on_delivery"\s+checked/)
    assert.include(
      html,
      `Card payments are charged in whole tens of fils: ${formatMoney(money(12_345n, 'KWD'), 'en')} is charged as ${formatMoney(money(charged, 'KWD'), 'en')}.`
    )

    const placed = await checkout(
      client,
      fixture,
      visitor,
      checkoutForm(total, { payment: 'card' })
    )
    placed.assertStatus(303)
    assert.match(
      placed.header('location')!,
      /^https:\/\/checkout\.stripe\.[a-z]+\/c\/pay\/cs_test_/
    )

    const order = await orderOf(fixture)
    assert.equal(order.status, 'pending')
    assert.equal(order.payment_method, 'card')
    assert.equal(order.total_amount, '12345')
    assert.equal(order.charged_amount, '12340')
    assert.equal(order.charge_rounding_amount, '-5')
    assert.match(order.payment_session_id, /^cs_test_/)
    assert.equal(await stockOf(fixture, variantId), 9)

    const [call] = stripe.sent('POST', '/v1/checkout/sessions')
    assert.exists(call, `no ${SESSIONS}`)
    assert.equal(call.apiKey, fixture.secretKey, "the store's own key, not the platform's")
    assert.equal(call.body.mode, 'payment')
    assert.equal(call.body['line_items[0][price_data][unit_amount]'], '12340')
    assert.equal(call.body['line_items[0][price_data][currency]'], 'kwd')
    assert.equal(call.body['line_items[0][quantity]'], '1')
    assert.equal(call.body.client_reference_id, order.id)
    assert.equal(call.body['metadata[order_id]'], order.id)
    assert.equal(call.body['metadata[tenant_id]'], fixture.store.id)
    assert.equal(call.body.customer_email, order.email)
    const orderPage = new RegExp(`/s/${fixture.store.slug}/orders/${order.id}/[A-Za-z0-9_-]{32}`)
    assert.match(call.body.success_url, orderPage)
    assert.match(call.body.cancel_url, orderPage)
    assert.include(call.body.cancel_url, 'payment=cancelled')

    const path = new URL(call.body.cancel_url).pathname + new URL(call.body.cancel_url).search
    const back = await client.get(path)
    back.assertStatus(200)
    assert.include(back.text(), 'Card payments are charged in whole tens of fils')
    assert.include(back.text(), `${new URL(call.body.cancel_url).pathname}/payment-sessions`)

    const dashboard = await client.get(`/dashboard/orders/${order.id}`).loginAs(fixture.owner)
    dashboard.assertStatus(200)
    assert.include(dashboard.text(), 'Pay by card (Stripe)')
    assert.include(dashboard.text(), 'Rounded to whole tens of fils for the card')
  })

  test('a USD card order is charged its total as it is', async ({ client, assert, cleanup }) => {
    const stripe = await standIn(cleanup)
    const fixture = await cardStore(client, 'USD')
    const { placed, order } = await cardOrder(client, fixture, 1999n)
    placed.assertStatus(303)
    assert.equal(order.charged_amount, '1999')
    assert.equal(order.charge_rounding_amount, '0')
    const [call] = stripe.sent('POST', '/v1/checkout/sessions')
    assert.equal(call.body['line_items[0][price_data][unit_amount]'], '1999')
    assert.equal(call.body['line_items[0][price_data][currency]'], 'usd')
  })

  test('pay on delivery stays the default where card payments are offered', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await standIn(cleanup)
    const fixture = await cardStore(client)
    const variantId = await productFor(fixture)
    const visitor = await addToCart(client, fixture, variantId)
    const { total } = await checkoutPage(client, fixture, visitor)
    ;(await checkout(client, fixture, visitor, checkoutForm(total))).assertStatus(303)
    const order = await orderOf(fixture)
    assert.equal(order.payment_method, 'cash_on_delivery')
    assert.isNull(order.charged_amount)
    assert.lengthOf(stripe.requests, 0)
  })

  test('a store without Stripe keys refuses a card order with 422 and writes nothing', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const variantId = await productFor(fixture, { stock: 4 })
    const visitor = await addToCart(client, fixture, variantId)
    const { total, html } = await checkoutPage(client, fixture, visitor)
    assert.notInclude(html, 'Pay by card (Stripe)')
    const refused = await checkout(
      client,
      fixture,
      visitor,
      checkoutForm(total, { payment: 'card' })
    )
    refused.assertStatus(422)
    assert.include(refused.text(), 'does not take card payments')
    assert.lengthOf(await ordersOf(fixture), 0)
    assert.equal(await stockOf(fixture, variantId), 4)
  })

  test('when Stripe refuses, the order stands pending and the shopper can pay again', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await standIn(cleanup)
    const fixture = await cardStore(client)
    stripe.refuse = true
    const { placed, order, variantId } = await cardOrder(client, fixture)
    placed.assertStatus(303)
    const location = placed.header('location')!
    assert.match(location, /\?placed&payment=failed$/)
    assert.equal(order.status, 'pending')
    assert.isNull(order.payment_session_id)
    assert.equal(await stockOf(fixture, variantId), 9)

    const page = await client.get(location)
    page.assertStatus(200)
    assert.include(page.text(), 'We could not reach the card payment service')
    const payPath = `${location.split('?')[0]}/payment-sessions`
    assert.include(page.text(), `action="${payPath}"`)

    const again = await asShopper(client, 'post', payPath, null)
    again.assertStatus(303)
    assert.match(again.header('location')!, /payment=failed$/)

    stripe.refuse = false
    const paid = await asShopper(client, 'post', payPath, null)
    paid.assertStatus(303)
    assert.match(paid.header('location')!, /^https:\/\/checkout\.stripe\.[a-z]+\//)
    assert.lengthOf(stripe.sent('POST', '/v1/checkout/sessions'), 3)
    assert.match((await orderOf(fixture)).payment_session_id, /^cs_test_/)
  })

  test('when Stripe cannot be reached at all, the order stands pending (no 500)', async ({
    client,
    assert,
    cleanup,
  }) => {
    await standIn(cleanup)
    const fixture = await cardStore(client)
    const stripeConfig = (await import('#config/stripe')).default
    const api = stripeConfig.api
    // A port nothing listens on: the connection is refused
    stripeConfig.api = { ...api, port: 9 }
    cleanup(() => void (stripeConfig.api = api))
    const { placed, order } = await cardOrder(client, fixture)
    placed.assertStatus(303)
    assert.match(placed.header('location')!, /payment=failed$/)
    assert.equal(order.status, 'pending')
  })

  test("a new session is refused for a wrong key, another store's order, or a cash order", async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await standIn(cleanup)
    const fixture = await cardStore(client)
    const other = await cardStore(client)
    const { placed } = await cardOrder(client, fixture)
    const order = await orderOf(fixture)
    const [, , , , , key] = new URL(
      stripe.sent('POST', '/v1/checkout/sessions')[0].body.cancel_url
    ).pathname.split('/')
    assert.exists(placed)
    const wrongKey = `${shopOf(fixture)}/orders/${order.id}/${'x'.repeat(32)}/payment-sessions`
    ;(await asShopper(client, 'post', wrongKey, null)).assertStatus(404)
    const elsewhere = `${shopOf(other)}/orders/${order.id}/${key}/payment-sessions`
    ;(await asShopper(client, 'post', elsewhere, null)).assertStatus(404)
    assert.lengthOf(stripe.sent('POST', '/v1/checkout/sessions'), 1)
  })
})

test.group('Card payments | the store webhook', () => {
  test('a paid session marks the order paid once, however often Stripe delivers it', async ({
    client,
    assert,
    cleanup,
  }) => {
    await standIn(cleanup)
    const fixture = await cardStore(client)
    await cardOrder(client, fixture)
    const order = await orderOf(fixture)
    const event = stripeEvent('checkout.session.completed', sessionOf(order, fixture.store.id))

    const first = await deliverTo(client, fixture.store.id, event, fixture)
    first.assertStatus(200)
    assert.equal(first.body().outcome, 'paid')
    const paid = await orderOf(fixture)
    assert.equal(paid.status, 'paid')
    assert.isNotNull(paid.paid_at)

    const again = await deliverTo(client, fixture.store.id, event, fixture)
    again.assertStatus(200)
    assert.equal(again.body().outcome, 'already_settled')
    assert.equal(String((await orderOf(fixture)).paid_at), String(paid.paid_at))
    assert.lengthOf(await activitiesOf(fixture, 'order.paid'), 1)
  })

  test('deliveries at once mark the order paid once (one order_paid)', async ({
    client,
    assert,
    cleanup,
  }) => {
    await standIn(cleanup)
    const fixture = await cardStore(client)
    await cardOrder(client, fixture)
    const order = await orderOf(fixture)
    const event = stripeEvent(
      'checkout.session.async_payment_succeeded',
      sessionOf(order, fixture.store.id)
    )
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => deliverTo(client, fixture.store.id, event, fixture))
    )
    assert.deepEqual(
      answers.map((answer) => answer.status()),
      [200, 200, 200, 200]
    )
    assert.sameMembers(
      answers.map((answer) => answer.body().outcome),
      ['paid', 'already_settled', 'already_settled', 'already_settled']
    )
    assert.equal((await orderOf(fixture)).status, 'paid')
    assert.lengthOf(await activitiesOf(fixture, 'order.paid'), 1)
  })

  test('a wrong or stale signature is 400 and changes nothing', async ({
    client,
    assert,
    cleanup,
  }) => {
    await standIn(cleanup)
    const fixture = await cardStore(client)
    await cardOrder(client, fixture)
    const order = await orderOf(fixture)
    const event = stripeEvent('checkout.session.completed', sessionOf(order, fixture.store.id))
    const wrong = await deliverTo(client, fixture.store.id, event, {
      webhookSecret: unique('whsec_'),
    })
    wrong.assertStatus(400)
    assert.include(wrong.body().errors[0].message, 'Stripe-Signature')
    const stale = await deliverTo(client, fixture.store.id, event, {
      webhookSecret: fixture.webhookSecret,
      timestamp: now() - 301,
    })
    stale.assertStatus(400)
    const unsigned = await client
      .post(`/webhooks/stripe/stores/${fixture.store.id}`)
      .header('accept', 'application/json')
      .unsafeJson(JSON.stringify(event))
    unsigned.assertStatus(400)
    assert.equal((await orderOf(fixture)).status, 'pending')
  })

  test('an unknown store, or one without card payments, is 404', async ({ client }) => {
    const plain = await createStore()
    const event = stripeEvent('checkout.session.completed', { id: unique('cs_') })
    ;(await deliverTo(client, randomUUID(), event, { webhookSecret: 'whsec_x' })).assertStatus(404)
    ;(await deliverTo(client, plain.store.id, event, { webhookSecret: 'whsec_x' })).assertStatus(
      404
    )
  })

  test("another store's webhook secret cannot mark this store's order paid", async ({
    client,
    assert,
    cleanup,
  }) => {
    await standIn(cleanup)
    const victim = await cardStore(client)
    const attacker = await cardStore(client)
    await cardOrder(client, victim)
    const order = await orderOf(victim)
    const event = stripeEvent('checkout.session.completed', sessionOf(order, victim.store.id))

    // Signed with B's secret, sent to A's address: the signature is A's to check
    ;(await deliverTo(client, victim.store.id, event, attacker)).assertStatus(400)
    // Sent to B's own address: B's order namespace, metadata naming A is ignored
    const ignored = await deliverTo(client, attacker.store.id, event, attacker)
    ignored.assertStatus(200)
    assert.equal(ignored.body().outcome, 'ignored')
    const forged = stripeEvent('checkout.session.completed', sessionOf(order, attacker.store.id))
    const unknownOrder = await deliverTo(client, attacker.store.id, forged, attacker)
    assert.equal(unknownOrder.body().outcome, 'ignored')
    assert.equal((await orderOf(victim)).status, 'pending')
  })

  test('an amount or currency other than what was charged leaves the order unpaid, noted', async ({
    client,
    assert,
    cleanup,
  }) => {
    await standIn(cleanup)
    const fixture = await cardStore(client)
    await cardOrder(client, fixture)
    const order = await orderOf(fixture)
    const short = sessionOf(order, fixture.store.id, { amount_total: 12_345 })
    const event = stripeEvent('checkout.session.completed', short)
    const answer = await deliverTo(client, fixture.store.id, event, fixture)
    answer.assertStatus(200)
    assert.equal(answer.body().outcome, 'mismatch')
    const noted = await orderOf(fixture)
    assert.equal(noted.status, 'pending')
    assert.include(noted.notes, short.id)
    assert.include(noted.notes, '12.340 KWD')
    assert.include(noted.notes, '12.345 KWD')
    assert.lengthOf(await activitiesOf(fixture, 'order.card_payment_refused'), 1)

    ;(await deliverTo(client, fixture.store.id, event, fixture)).assertStatus(200)
    assert.equal((await orderOf(fixture)).notes, noted.notes, 'a redelivery adds nothing')
    assert.lengthOf(await activitiesOf(fixture, 'order.card_payment_refused'), 1)

    const wrongCurrency = sessionOf(order, fixture.store.id, { currency: 'usd' })
    const other = stripeEvent('checkout.session.completed', wrongCurrency)
    assert.equal(
      (await deliverTo(client, fixture.store.id, other, fixture)).body().outcome,
      'mismatch'
    )
    assert.equal((await orderOf(fixture)).status, 'pending')
    assert.lengthOf(await activitiesOf(fixture, 'order.paid'), 0)
  })

  test('an unpaid completion or an expired session leaves the order pending', async ({
    client,
    assert,
    cleanup,
  }) => {
    await standIn(cleanup)
    const fixture = await cardStore(client)
    await cardOrder(client, fixture)
    const order = await orderOf(fixture)
    const unpaid = stripeEvent(
      'checkout.session.completed',
      sessionOf(order, fixture.store.id, { payment_status: 'unpaid' })
    )
    const expired = stripeEvent(
      'checkout.session.expired',
      sessionOf(order, fixture.store.id, { status: 'expired', payment_status: 'unpaid' })
    )
    const first = await deliverTo(client, fixture.store.id, unpaid, fixture)
    assert.equal(first.body().outcome, 'not_paid_yet')
    const second = await deliverTo(client, fixture.store.id, expired, fixture)
    second.assertStatus(200)
    assert.equal(second.body().outcome, 'ignored')
    assert.equal((await orderOf(fixture)).status, 'pending')
  })
})
