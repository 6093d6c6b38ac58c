import { test } from '@japa/runner'
import { isStale, statusFromStripe } from '#billing/services/subscription_state'
import { parseLimits, normalizeLimits, UNLIMITED } from '#billing/services/plan_limits'
import { readStripeEvent, eventCreatedAt } from '#billing/services/stripe_event_reader'
import { requireWebhookSecret } from '#billing/services/webhook_secret'

const TENANT = '0b7f3c2a-1d4e-4f5a-9b6c-7d8e9f0a1b2c'

test.group('Billing | Stripe status mapping', () => {
  const CASES: [string, string | null][] = [
    ['trialing', 'trialing'],
    ['active', 'active'],
    ['past_due', 'past_due'],
    ['canceled', 'canceled'],
    ['unpaid', 'unpaid'],
    ['incomplete', 'incomplete'],
    ['incomplete_expired', 'canceled'],
    ['paused', 'unpaid'],
    ['something_new', null],
    ['toString', null],
  ]
  for (const [stripe, ours] of CASES) {
    test(`Stripe "${stripe}" is ${ours ?? 'unknown'}`, ({ assert }) => {
      assert.equal(statusFromStripe(stripe), ours)
    })
  }
})

test.group('Billing | order safety', () => {
  const at = (seconds: number) => new Date(seconds * 1000)
  const CASES: [string, Date, Date | null, boolean][] = [
    ['nothing applied yet', at(100), null, false],
    ['a newer event', at(200), at(100), false],
    ['the same second (the later delivery wins)', at(100), at(100), false],
    ['an older event', at(99), at(100), true],
  ]
  for (const [label, event, last, stale] of CASES) {
    test(`${label} is ${stale ? 'stale' : 'applied'}`, ({ assert }) => {
      assert.equal(isStale(event, last), stale)
    })
  }
})

test.group('Billing | plan limits', () => {
  test('limits as typed, the rest unlimited', ({ assert }) => {
    assert.deepEqual(parseLimits(['projects=3', 'tasks = 100', 'members=unlimited']), {
      ...UNLIMITED,
      projects: 3,
      tasks: 100,
    })
  })

  test('an update keeps the limits it does not name', ({ assert }) => {
    const base = { ...UNLIMITED, projects: 3, tasks: 100 }
    assert.deepEqual(parseLimits(['tasks=none'], base), { ...UNLIMITED, projects: 3 })
  })

  test('refuses "{$self}"')
    .with(['projects', 'projects=-1', 'projects=3.5', 'seats=3', 'projects=lots'])
    .run(({ assert }, entry) => {
      assert.throws(() => parseLimits([entry]))
    })

  test('stored limits read with every key, missing ones unlimited', ({ assert }) => {
    assert.deepEqual(normalizeLimits({ projects: 3, tasks: 'x' }), { ...UNLIMITED, projects: 3 })
    assert.deepEqual(normalizeLimits(null), UNLIMITED)
  })
})

test.group('Billing | reading Stripe events', () => {
  const subscription = {
    id: 'sub_1',
    object: 'subscription',
    customer: 'cus_1',
    status: 'active',
    cancel_at_period_end: true,
    trial_end: null,
    metadata: { tenant_id: TENANT.toUpperCase() },
    items: {
      data: [{ price: { id: 'price_pro' }, current_period_start: 1000, current_period_end: 2000 }],
    },
  }

  test('a subscription event carries its store, price, status and period', ({ assert }) => {
    const change = readStripeEvent({
      type: 'customer.subscription.updated',
      data: { object: subscription },
    })
    assert.deepEqual(change, {
      kind: 'subscription',
      tenantId: TENANT,
      customerId: 'cus_1',
      subscriptionId: 'sub_1',
      priceId: 'price_pro',
      status: 'active',
      currentPeriodStart: new Date(1_000_000),
      currentPeriodEnd: new Date(2_000_000),
      cancelAtPeriodEnd: true,
      trialEndsAt: null,
    })
  })

  test('a deleted subscription is canceled and keeps its plan', ({ assert }) => {
    const change = readStripeEvent({
      type: 'customer.subscription.deleted',
      data: { object: { ...subscription, status: 'canceled' } },
    })
    assert.include(change, { kind: 'subscription', status: 'canceled', priceId: null })
  })

  test('a subscription in a status nobody knows cannot be read', ({ assert }) => {
    assert.throws(
      () =>
        readStripeEvent({
          type: 'customer.subscription.created',
          data: { object: { ...subscription, status: 'galactic' } },
        }),
      /galactic/
    )
  })

  test('a Checkout session links its customer to the store it names', ({ assert }) => {
    const change = readStripeEvent({
      type: 'checkout.session.completed',
      data: {
        object: { client_reference_id: TENANT, customer: 'cus_9', subscription: { id: 'sub_9' } },
      },
    })
    assert.deepEqual(change, {
      kind: 'link',
      tenantId: TENANT,
      customerId: 'cus_9',
      subscriptionId: 'sub_9',
    })
  })

  test('invoices: paid is active, failed is past due', ({ assert }) => {
    const invoice = {
      customer: 'cus_1',
      parent: { subscription_details: { subscription: 'sub_1', metadata: {} } },
    }
    assert.include(readStripeEvent({ type: 'invoice.paid', data: { object: invoice } }), {
      kind: 'status',
      status: 'active',
      customerId: 'cus_1',
      subscriptionId: 'sub_1',
      tenantId: null,
    })
    assert.include(readStripeEvent({ type: 'invoice.payment_failed', data: { object: invoice } }), {
      status: 'past_due',
    })
  })

  test('a tenant id that is not a uuid is no hint', ({ assert }) => {
    const change = readStripeEvent({
      type: 'checkout.session.completed',
      data: { object: { client_reference_id: "x' or 1=1", customer: 'cus_1' } },
    })
    assert.include(change, { tenantId: null })
  })

  test('other types are ignored', ({ assert }) => {
    assert.deepEqual(readStripeEvent({ type: 'charge.refunded', data: { object: {} } }), {
      kind: 'ignored',
    })
  })

  test('an event without a creation time cannot be ordered', ({ assert }) => {
    assert.throws(() => eventCreatedAt({ type: 'invoice.paid' }))
    assert.deepEqual(eventCreatedAt({ created: 5 }), new Date(5000))
  })
})

test.group('Billing | the webhook secret at boot', () => {
  test('production refuses to start without it', ({ assert }) => {
    assert.throws(() => requireWebhookSecret(true, null), /STRIPE_WEBHOOK_SECRET/)
    assert.doesNotThrow(() => requireWebhookSecret(true, 'whsec_x'))
    assert.doesNotThrow(() => requireWebhookSecret(false, null))
  })
})
