import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { exemptFromGate, gateRefuses, writesPaused } from '#billing/services/write_gate'
import { withinLimit } from '#billing/services/plan_limits'
import {
  SUBSCRIPTION_STATUSES,
  type SubscriptionStatus,
} from '#billing/services/subscription_state'

const NOW = DateTime.fromISO('2026-12-02T12:00:00Z')
const LATER = NOW.plus({ days: 3 })
const EARLIER = NOW.minus({ days: 3 })

/** Whether a store in each state writes; canceled depends on the end of the paid period */
const PAUSED: Record<SubscriptionStatus, boolean> = {
  trialing: false,
  active: false,
  incomplete: false,
  past_due: true,
  unpaid: true,
  canceled: true,
}

const ROUTES = [
  { kind: 'a dashboard write', method: 'POST', name: 'projects.store', gated: true },
  { kind: 'a dashboard update', method: 'PUT', name: 'projects.update', gated: true },
  { kind: 'a dashboard delete', method: 'DELETE', name: 'tasks.destroy', gated: true },
  { kind: 'an API write', method: 'POST', name: 'api.products.store', gated: true },
  { kind: 'a page read', method: 'GET', name: 'projects.index', gated: false },
  { kind: 'a HEAD read', method: 'HEAD', name: 'projects.index', gated: false },
  { kind: 'an API read', method: 'GET', name: 'api.products.index', gated: false },
  { kind: 'the billing page', method: 'GET', name: 'billing.index', gated: false },
  { kind: 'a billing write', method: 'POST', name: 'billing.checkout', gated: false },
] as const

test.group('Billing | write gate, state × route kind', () => {
  for (const status of SUBSCRIPTION_STATUSES) {
    for (const route of ROUTES) {
      const refused = PAUSED[status] && route.gated
      test(`${status}: ${route.kind} is ${refused ? 'refused' : 'let through'}`, ({ assert }) => {
        const subscription = { status, currentPeriodEnd: EARLIER }
        assert.equal(gateRefuses(route.method, route.name, subscription, NOW), refused)
      })
    }
  }

  test('canceled with the paid period not over yet still writes', ({ assert }) => {
    const subscription = { status: 'canceled' as const, currentPeriodEnd: LATER }
    assert.isFalse(writesPaused(subscription, NOW))
    assert.isFalse(gateRefuses('POST', 'projects.store', subscription, NOW))
  })

  test('canceled at the very end of the period, or with no period, is paused', ({ assert }) => {
    assert.isTrue(writesPaused({ status: 'canceled', currentPeriodEnd: NOW }, NOW))
    assert.isTrue(writesPaused({ status: 'canceled', currentPeriodEnd: null }, NOW))
  })

  test('past due is paused whatever the period says', ({ assert }) => {
    assert.isTrue(writesPaused({ status: 'past_due', currentPeriodEnd: LATER }, NOW))
    assert.isTrue(writesPaused({ status: 'unpaid', currentPeriodEnd: LATER }, NOW))
  })

  test('a store without a subscription is not gated', ({ assert }) => {
    assert.isFalse(gateRefuses('POST', 'projects.store', null, NOW))
  })

  test('methods are compared whatever their case', ({ assert }) => {
    const subscription = { status: 'past_due' as const, currentPeriodEnd: null }
    assert.isFalse(gateRefuses('get', 'projects.index', subscription, NOW))
    assert.isTrue(gateRefuses('post', 'projects.store', subscription, NOW))
  })

  test("only billing's own routes are exempt", ({ assert }) => {
    assert.isTrue(exemptFromGate('billing.index'))
    assert.isFalse(exemptFromGate('billingx'))
    assert.isFalse(exemptFromGate('projects.store'))
    assert.isFalse(exemptFromGate(undefined))
  })
})

test.group('Billing | cap counting', () => {
  const CASES: [number | null, number, number, boolean][] = [
    [3, 0, 1, true],
    [3, 2, 1, true],
    [3, 3, 1, false],
    [3, 4, 1, false],
    [25, 20, 5, true],
    [25, 20, 6, false],
    [0, 0, 1, false],
    [null, 1_000_000, 1, true],
  ]
  for (const [limit, existing, adding, allowed] of CASES) {
    test(`limit ${limit ?? 'unlimited'}, ${existing} there, adding ${adding}: ${allowed ? 'allowed' : 'refused'}`, ({
      assert,
    }) => {
      assert.equal(withinLimit(limit, existing, adding), allowed)
    })
  }
})
