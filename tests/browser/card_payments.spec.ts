/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { SaveCardPaymentKeys } from '#storefront/operations/card_payment_keys'
import { withTenant } from '#tenancy/mod'
import { TEST_SERVER, createStore, unique, uniqueEmail } from '#tests/helpers'
import { seedProduct } from '#tests/functional/catalog/support'
import { stripeStandIn } from '#tests/functional/billing/support'
import { setCheckout, useCurrency } from '#tests/functional/storefront/orders_support'
import { assertAccessible } from './support/axe.js'
import { signIn } from './support/session.js'

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
]

async function fillDelivery(page: Page) {
  const form = page.locator('#checkout-delivery form')
  await form.locator('input[name="email"]').fill(uniqueEmail('shopper'))
  await form.locator('input[name="fullName"]').fill('Sara Shopper')
  await form.locator('input[name="phone"]').fill('+965 5000 1234')
  await form.locator('input[name="city"]').fill('Kuwait City')
  await form.locator('input[name="addressLine1"]').fill('Block 3, Street 12')
  return form
}

test.group('Card payments in the browser (axe-core)', () => {
  for (const lang of ['en', 'ar'] as const) {
    test(`checkout with card, Stripe refusing, pay now and the settings in ${lang}`, async ({
      visit,
      assert,
      cleanup,
    }) => {
      const stripe = await stripeStandIn((fn) => cleanup(async () => void (await fn())))
      stripe.refuse = true
      const fixture = await createStore()
      await useCurrency(fixture, 'KWD')
      await setCheckout(fixture, { pricesIncludeTax: true })
      await withTenant(fixture.store, () =>
        new SaveCardPaymentKeys().handle({
          actorUserId: fixture.owner.id,
          secretKey: unique('sk_test_'),
          webhookSecret: unique('whsec_'),
        })
      )
      const { variants } = await seedProduct(fixture, {
        title: 'Oud Oil',
        stock: 5,
        price: 12_345n,
      })
      const store = `/s/${fixture.store.slug}`
      const page = await visit(`${TEST_SERVER}${store}/cart?lang=${lang}`)
      await page.request.post(`${TEST_SERVER}${store}/cart/items`, {
        form: { variantId: variants[0].id, quantity: '1' },
        maxRedirects: 0,
      })
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport)
        await page.goto(`${TEST_SERVER}${store}/checkout?lang=${lang}`)
        await assertAccessible(page, `checkout with card payments, ${viewport.name} (${lang})`)
      }
      const card = page.locator('input[name="payment"][value="card"]')
      assert.isFalse(await card.isChecked(), 'pay on delivery stays the default')
      assert.isTrue(
        await page.locator('input[name="payment"][value="cash_on_delivery"]').isChecked()
      )
      assert.include(await page.locator('#payment-card-hint').innerText(), '12.340')

      const form = await fillDelivery(page)
      await card.check()
      await form.locator('button[type="submit"]').click()
      await page.waitForURL(/payment=failed/)
      await assertAccessible(page, `card order with Stripe refusing (${lang})`)
      const payNow = page.locator('#card-payment button[type="submit"]')
      assert.isTrue(await payNow.isVisible())

      await signIn(page, fixture.owner.email)
      await page.goto(`${TEST_SERVER}/dashboard/orders/settings?lang=${lang}`)
      await assertAccessible(page, `checkout settings with card payments (${lang})`)
      await page.locator('#card-payments input[name="secretKey"]').fill('pk_test_nope')
      await page.locator('#card-payments input[name="webhookSecret"]').fill('nope')
      await page.locator('#card-payments form button[type="submit"]').first().click()
      await page.waitForSelector('#card-payments [aria-invalid="true"]')
      await assertAccessible(page, `card payment keys refused (${lang})`)
    }).timeout(90_000)
  }
})
