/// <reference lib="dom" />
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { withTenant } from '#tenancy/mod'
import Subscription from '#billing/models/subscription'
import { TEST_SERVER, createStore, unique } from '#tests/helpers'
import {
  planWithStripePrice,
  stripeInvoice,
  stripeStandIn,
} from '#tests/functional/billing/support'
import { assertAccessible } from './support/axe.js'
import { signIn } from './support/session.js'

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
]

test.group('Billing in the browser (axe-core)', () => {
  for (const lang of ['en', 'ar'] as const) {
    test(`the billing page with Stripe, the trial banner and the way to Checkout in ${lang}`, async ({
      visit,
      assert,
      cleanup,
    }) => {
      const stripe = await stripeStandIn(cleanup)
      const fixture = await createStore({ plan: 'free' })
      const plan = await planWithStripePrice()
      await withTenant(fixture.store, async () => {
        const subscription = await Subscription.query().firstOrFail()
        await subscription
          .merge({
            status: 'trialing',
            trialEndsAt: DateTime.utc().plus({ days: 2 }),
            stripeCustomerId: unique('cus_'),
          })
          .save()
      })
      stripe.invoices.push(
        stripeInvoice({ total: 1900 }),
        stripeInvoice({ total: 2500, status: 'open' })
      )

      const page = await visit(`${TEST_SERVER}/signin?lang=${lang}`)
      await signIn(page, fixture.owner.email)
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport)
        await page.goto(`${TEST_SERVER}/dashboard/billing?lang=${lang}`)
        await assertAccessible(page, `billing with Stripe, ${viewport.name} (${lang})`)
      }
      assert.isTrue(await page.locator('.banner').isVisible(), 'the trial banner shows')

      // Stripe's page itself is stood in: what matters is that the browser gets there
      await page.route('https://checkout.stripe.com/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Checkout</title>' })
      )
      await page.locator(`#upgrade-${plan.code} button[type="submit"]`).click()
      await page.waitForURL(/^https:\/\/checkout\.stripe\.com\/c\/pay\//)
      const [session] = stripe.sent('POST', '/v1/checkout/sessions')
      assert.equal(session.body['line_items[0][price]'], plan.stripePriceId)
    }).timeout(90_000)
  }
})
