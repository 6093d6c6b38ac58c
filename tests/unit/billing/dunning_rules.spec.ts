import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { billingBanner } from '#billing/services/billing_banner'
import { readStripeEvent } from '#billing/services/stripe_event_reader'
import { daysUntil } from '#billing/mails/billing_notice_mail'
import type { SubscriptionStatus } from '#billing/services/subscription_state'

const NOW = DateTime.fromISO('2026-03-10T12:00:00Z', { zone: 'utc' })

test.group('Billing | what the dashboard banner says', () => {
  const CASES: [
    string,
    SubscriptionStatus,
    { periodEnd?: DateTime | null; trialEnd?: DateTime | null },
    ReturnType<typeof billingBanner>,
  ][] = [
    ['active: nothing', 'active', {}, null],
    ['past due: the payment failed', 'past_due', {}, { kind: 'payment_failed' }],
    ['unpaid: writes paused', 'unpaid', {}, { kind: 'writes_paused' }],
    [
      'canceled with paid time left: nothing yet',
      'canceled',
      { periodEnd: NOW.plus({ days: 3 }) },
      null,
    ],
    [
      'canceled after the paid period: writes paused',
      'canceled',
      { periodEnd: NOW.minus({ hours: 1 }) },
      { kind: 'writes_paused' },
    ],
    [
      'trial ending in 3 days',
      'trialing',
      { trialEnd: NOW.plus({ days: 3 }) },
      { kind: 'trial_ending', days: 3 },
    ],
    [
      'trial ending in a few hours: 1 day',
      'trialing',
      { trialEnd: NOW.plus({ hours: 5 }) },
      { kind: 'trial_ending', days: 1 },
    ],
    ['trial ending in 4 days: not yet', 'trialing', { trialEnd: NOW.plus({ days: 4 }) }, null],
    ['trial already over: nothing', 'trialing', { trialEnd: NOW.minus({ hours: 1 }) }, null],
    ['active with an old trial end: nothing', 'active', { trialEnd: NOW.plus({ days: 1 }) }, null],
  ]
  for (const [label, status, dates, expected] of CASES) {
    test(label, ({ assert }) => {
      const banner = billingBanner(
        { status, currentPeriodEnd: dates.periodEnd ?? null, trialEndsAt: dates.trialEnd ?? null },
        NOW
      )
      assert.deepEqual(banner, expected)
    })
  }

  test('days until a trial ends never go below 0', ({ assert }) => {
    assert.equal(daysUntil(NOW.plus({ days: 2, hours: 1 }), NOW), 3)
    assert.equal(daysUntil(NOW.minus({ days: 2 }), NOW), 0)
  })
})

test.group('Billing | which Stripe events call for a mail', () => {
  test('trial_will_end reads as the subscription, with one occurrence per trial', ({ assert }) => {
    const object = {
      id: 'sub_1',
      customer: 'cus_1',
      status: 'trialing',
      trial_end: 1_800_000_000,
      items: { data: [{ price: { id: 'price_1' } }] },
    }
    const change = readStripeEvent({
      type: 'customer.subscription.trial_will_end',
      data: { object },
    })
    assert.equal(change.kind, 'subscription')
    assert.deepEqual((change as { notice?: unknown }).notice, {
      kind: 'trial_ending',
      occurrence: 'sub_1:1800000000',
    })
  })

  test('payment_failed names the invoice and its attempt', ({ assert }) => {
    const first = readStripeEvent({
      type: 'invoice.payment_failed',
      data: { object: { id: 'in_1', customer: 'cus_1', attempt_count: 1 } },
    })
    const second = readStripeEvent({
      type: 'invoice.payment_failed',
      data: { object: { id: 'in_1', customer: 'cus_1', attempt_count: 2 } },
    })
    assert.deepEqual((first as { notice?: unknown }).notice, {
      kind: 'payment_failed',
      occurrence: 'in_1:1',
    })
    assert.equal((second as { notice?: { occurrence: string } }).notice?.occurrence, 'in_1:2')
  })

  test('other events call for none', ({ assert }) => {
    const paid = readStripeEvent({
      type: 'invoice.paid',
      data: { object: { id: 'in_1', customer: 'cus_1' } },
    })
    assert.notProperty(paid, 'notice')
  })
})
