import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { platformUrl } from '#core/mod'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import Subscription from '#billing/models/subscription'
import db from '@adonisjs/lucid/services/db'
import { CreatePlan } from '#billing/operations/save_plan'
import { createStore, unique } from '#tests/helpers'
import { formAs } from '#tests/functional/identity/support'
import { planWithStripePrice, stripeInvoice, stripeStandIn, subscriptionOf } from './support.js'

const CHECKOUT = '/dashboard/billing/checkout-sessions'
const PORTAL = '/dashboard/billing/portal-sessions'
const BILLING = '/dashboard/billing'

async function withSubscription(store: TenantSnapshot, values: Partial<Subscription>) {
  await withTenant(store, async () => {
    const subscription = await Subscription.query().firstOrFail()
    await subscription.merge(values).save()
  })
}

test.group('Billing | upgrading through Stripe Checkout', () => {
  test('the owner upgrades: a subscription-mode session for the plan price, then 303 to Stripe', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    const { store, owner } = await createStore({ plan: 'free' })
    const plan = await planWithStripePrice()

    const response = await formAs(client, owner, 'post', CHECKOUT, { plan: plan.code })

    response.assertStatus(303)
    const [customer] = stripe.sent('POST', '/v1/customers')
    assert.equal(customer.body.email, owner.email)
    assert.equal(customer.body['metadata[tenant_id]'], store.id)
    const [session] = stripe.sent('POST', '/v1/checkout/sessions')
    const { stripeCustomerId: customerId } = await subscriptionOf(store)
    assert.match(customerId!, /^cus_/)
    assert.deepInclude(session.body, {
      'mode': 'subscription',
      'customer': customerId!,
      'client_reference_id': store.id,
      'metadata[tenant_id]': store.id,
      'subscription_data[metadata][tenant_id]': store.id,
      'line_items[0][price]': plan.stripePriceId!,
      'line_items[0][quantity]': '1',
      'success_url': `${platformUrl('billing.index')}?checkout=success`,
      'cancel_url': `${platformUrl('billing.index')}?checkout=canceled`,
    })
    assert.notProperty(session.body, 'subscription_data[trial_period_days]')
    assert.match(response.header('location'), /^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/)
  })

  test('a second upgrade reuses the store’s Stripe customer', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    const { store, members } = await createStore({ plan: 'free' })
    const plan = await planWithStripePrice()
    ;(await formAs(client, members.finance, 'post', CHECKOUT, { plan: plan.code })).assertStatus(
      303
    )
    ;(await formAs(client, members.finance, 'post', CHECKOUT, { plan: plan.code })).assertStatus(
      303
    )

    assert.lengthOf(stripe.sent('POST', '/v1/customers'), 1)
    const sessions = stripe.sent('POST', '/v1/checkout/sessions')
    assert.lengthOf(sessions, 2)
    const { stripeCustomerId } = await subscriptionOf(store)
    assert.deepEqual(
      sessions.map((session) => session.body.customer),
      [stripeCustomerId, stripeCustomerId]
    )
  })

  test('upgrades clicked at once create one Stripe customer', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    const { store, owner } = await createStore({ plan: 'free' })
    const plan = await planWithStripePrice()
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => formAs(client, owner, 'post', CHECKOUT, { plan: plan.code }))
    )
    assert.deepEqual(
      responses.map((response) => response.status()),
      [303, 303, 303, 303]
    )
    assert.lengthOf(stripe.sent('POST', '/v1/customers'), 1)
    const { stripeCustomerId } = await subscriptionOf(store)
    assert.isTrue(
      stripe
        .sent('POST', '/v1/checkout/sessions')
        .every((session) => session.body.customer === stripeCustomerId)
    )
  })

  test('a plan with a trial passes its trial days; a store that had a trial gets none again', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    const code = unique('trial')
    const plan = await new CreatePlan().handle({
      code,
      name: 'Trial plan',
      price: '9.00',
      currency: 'USD',
      stripePrice: unique('price_'),
      trialDays: '14',
      limits: [],
    })
    const fresh = await createStore({ plan: 'free' })
    ;(await formAs(client, fresh.owner, 'post', CHECKOUT, { plan: plan.code })).assertStatus(303)
    const [first] = stripe.sent('POST', '/v1/checkout/sessions')
    assert.equal(first.body['subscription_data[trial_period_days]'], '14')

    const tried = await createStore({ plan: 'free' })
    await withSubscription(tried.store, { trialEndsAt: DateTime.utc().minus({ days: 40 }) })
    ;(await formAs(client, tried.owner, 'post', CHECKOUT, { plan: plan.code })).assertStatus(303)
    const second = stripe.sent('POST', '/v1/checkout/sessions')[1]
    assert.equal(second.body['line_items[0][price]'], plan.stripePriceId)
    assert.notProperty(second.body, 'subscription_data[trial_period_days]')
  })

  test('an unknown, archived or unpriced plan is refused with 422 and Stripe is not called', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    const { owner } = await createStore({ plan: 'free' })
    const archived = await planWithStripePrice()
    await db.from('plans').where('id', archived.id).update({ archived_at: new Date() })
    const unpriced = await new CreatePlan().handle({
      code: unique('nostripe'),
      name: 'No Stripe',
      price: '5.00',
      currency: 'USD',
      limits: [],
    })
    for (const plan of ['nope', archived.code, unpriced.code, '', 'Not A Code!']) {
      const response = await formAs(client, owner, 'post', CHECKOUT, { plan })
      response.assertStatus(422)
    }
    const response = await formAs(client, owner, 'post', CHECKOUT, { plan: 'free' })
    response.assertStatus(422)
    assert.include(response.text(), 'Choose one of the plans')
    assert.lengthOf(stripe.requests, 0)
  })

  test('a store already paying through Stripe is sent to the portal instead (409)', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    const { store, owner } = await createStore({ plan: 'free' })
    await withSubscription(store, {
      stripeCustomerId: unique('cus_'),
      stripeSubscriptionId: unique('sub_'),
    })
    const plan = await planWithStripePrice()
    const response = await formAs(client, owner, 'post', CHECKOUT, { plan: plan.code })
    response.assertStatus(409)
    assert.include(response.text(), 'Manage payment method or cancel')
    assert.lengthOf(stripe.requests, 0)
  })

  test('when Stripe refuses, the page says so and nothing is linked', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    stripe.refuse = true
    const { store, owner } = await createStore({ plan: 'free' })
    const plan = await planWithStripePrice()
    const response = await formAs(client, owner, 'post', CHECKOUT, { plan: plan.code })
    response.assertStatus(303)
    response.assertHeader('location', BILLING)
    assert.isNull((await subscriptionOf(store)).stripeCustomerId)
  })

  test('an admin and a member may not start a checkout ({$self})')
    .with(['admin', 'member'] as const)
    .run(async ({ client, assert, cleanup }, role) => {
      const stripe = await stripeStandIn(cleanup)
      const { members } = await createStore({ plan: 'free' })
      const plan = await planWithStripePrice()
      const response = await formAs(client, members[role], 'post', CHECKOUT, { plan: plan.code })
      response.assertStatus(403)
      const portal = await formAs(client, members[role], 'post', PORTAL)
      portal.assertStatus(403)
      assert.lengthOf(stripe.requests, 0)
    })

  test("a session is always for the signed-in member's own store", async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    const victim = await createStore({ plan: 'free' })
    const victimCustomer = unique('cus_')
    await withSubscription(victim.store, { stripeCustomerId: victimCustomer })
    const attacker = await createStore({ plan: 'free' })
    const plan = await planWithStripePrice()
    const response = await formAs(client, attacker.owner, 'post', CHECKOUT, {
      plan: plan.code,
      tenantId: victim.store.id,
    })
    response.assertStatus(303)
    const [session] = stripe.sent('POST', '/v1/checkout/sessions')
    assert.equal(session.body.client_reference_id, attacker.store.id)
    assert.notEqual(session.body.customer, victimCustomer)
    ;(await formAs(client, attacker.owner, 'post', PORTAL)).assertStatus(303)
    const [portal] = stripe.sent('POST', '/v1/billing_portal/sessions')
    assert.notEqual(portal.body.customer, victimCustomer)
  })
})

test.group('Billing | the customer portal', () => {
  test('finance opens the portal for the store’s customer, 303 to Stripe and back to billing', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    const { store, members } = await createStore({ plan: 'free' })
    const customer = unique('cus_')
    await withSubscription(store, { stripeCustomerId: customer })
    const response = await formAs(client, members.finance, 'post', PORTAL)
    response.assertStatus(303)
    assert.match(response.header('location'), /^https:\/\/billing\.stripe\.com\/p\/session\//)
    const [session] = stripe.sent('POST', '/v1/billing_portal/sessions')
    assert.equal(session.body.customer, customer)
    assert.equal(session.body.return_url, platformUrl('billing.index'))
  })

  test('a store without a Stripe customer is told to choose a plan first (409)', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    const { owner } = await createStore({ plan: 'free' })
    const response = await formAs(client, owner, 'post', PORTAL)
    response.assertStatus(409)
    assert.include(response.text(), 'choose a plan on the billing page first')
    assert.lengthOf(stripe.requests, 0)
  })

  test('a store whose writes are paused can still reach the portal and checkout', async ({
    client,
    cleanup,
  }) => {
    await stripeStandIn(cleanup)
    const { store, owner } = await createStore({ plan: 'free' })
    await withSubscription(store, { stripeCustomerId: unique('cus_'), status: 'past_due' })
    ;(await formAs(client, owner, 'post', PORTAL)).assertStatus(303)
    const plan = await planWithStripePrice()
    ;(await formAs(client, owner, 'post', CHECKOUT, { plan: plan.code })).assertStatus(303)
  })
})

test.group('Billing | the billing page with Stripe', () => {
  test('shows upgrade buttons, the portal button and the invoices from Stripe', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    const { store, owner } = await createStore({ plan: 'free' })
    const plan = await planWithStripePrice()
    const page = await client.get(BILLING).loginAs(owner)
    const csp = page.header('content-security-policy') ?? ''
    // The form's redirect to Stripe is held to form-action too
    assert.match(csp, /form-action [^;]*https:\/\/checkout\.stripe\.com/)
    assert.match(csp, /form-action [^;]*https:\/\/billing\.stripe\.com/)
    let html = page.text()
    assert.include(html, `id="upgrade-${plan.code}"`)
    assert.include(html, `Upgrade to ${plan.name}`)
    assert.notInclude(html, 'id="portal"')
    assert.notInclude(html, 'id="invoices"')

    const customer = unique('cus_')
    await withSubscription(store, { stripeCustomerId: customer })
    const paid = stripeInvoice({ total: 1900 })
    const open = stripeInvoice({ total: 2500, status: 'open', currency: 'kwd' })
    stripe.invoices.push(paid, open)
    html = (await client.get(BILLING).loginAs(owner)).text()
    assert.include(html, 'id="portal"')
    assert.include(html, 'Manage payment method or cancel')
    assert.match(
      html,
      new RegExp(
        `id="invoice-${paid.id}"[\\s\\S]*?${paid.number}[\\s\\S]*?Paid[\\s\\S]*?\\$19\\.00`
      )
    )
    assert.match(html, new RegExp(`id="invoice-${open.id}"[\\s\\S]*?Due[\\s\\S]*?KWD`))
    assert.include(html, paid.hosted_invoice_url)
    const [list] = stripe.sent('GET', '/v1/invoices')
    assert.equal(list.query.customer, customer)
  })

  test('a trial shows when it ends; a store on a Stripe subscription gets no upgrade buttons', async ({
    client,
    assert,
    cleanup,
  }) => {
    await stripeStandIn(cleanup)
    const { store, owner } = await createStore({ plan: 'free' })
    const plan = await planWithStripePrice()
    await withSubscription(store, {
      status: 'trialing',
      trialEndsAt: DateTime.utc().plus({ days: 5, hours: 1 }),
      stripeCustomerId: unique('cus_'),
      stripeSubscriptionId: unique('sub_'),
    })
    const html = (await client.get(BILLING).loginAs(owner)).text()
    assert.match(html, /id="trial-end"[\s\S]*?The trial ends on[\s\S]*?6 days left/)
    assert.notInclude(html, `id="upgrade-${plan.code}"`)
    assert.include(html, 'id="portal"')
  })

  test('when Stripe cannot list invoices the page still renders and says so', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    stripe.refuse = true
    const { store, owner } = await createStore({ plan: 'free' })
    await withSubscription(store, { stripeCustomerId: unique('cus_') })
    const response = await client.get(BILLING).loginAs(owner)
    response.assertStatus(200)
    assert.include(response.text(), 'could not be loaded from Stripe')
  })

  test('without Stripe keys: how to configure them, the operator command, and no buttons', async ({
    client,
    assert,
    cleanup,
  }) => {
    const stripe = await stripeStandIn(cleanup)
    const { default: stripeConfig } = await import('#config/stripe')
    stripeConfig.secretKey = null
    const { store, owner } = await createStore({ plan: 'free' })
    await planWithStripePrice()
    const response = await client.get(BILLING).loginAs(owner)
    const html = response.text()
    assert.include(html, 'STRIPE_SECRET_KEY')
    assert.include(html, 'STRIPE_WEBHOOK_SECRET')
    assert.include(html, `node ace billing:set-plan ${store.slug} &lt;plan&gt;`)
    assert.notInclude(html, 'billing/checkout-sessions')
    assert.notInclude(html, 'billing/portal-sessions')

    const refused = await formAs(client, owner, 'post', CHECKOUT, { plan: 'pro' })
    refused.assertStatus(409)
    assert.include(refused.text(), 'plans are changed by the platform')
    ;(await formAs(client, owner, 'post', PORTAL)).assertStatus(409)
    assert.lengthOf(stripe.requests, 0)
  })

  test('the Stripe parts of the page speak Arabic', async ({ client, assert, cleanup }) => {
    await stripeStandIn(cleanup)
    const { owner } = await createStore({ plan: 'free' })
    const plan = await planWithStripePrice()
    const html = (await client.get(`${BILLING}?lang=ar`).loginAs(owner)).text()
    assert.include(html, `الترقية إلى ${plan.name}`)
  })
})
