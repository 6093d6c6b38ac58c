/// <reference lib="dom" />
/*
| The shop from both sides, in the browser: the merchant adds a product with
| sizes in the dashboard; a shopper (another browser context, no session)
| finds it by searching with a typo, picks a size, adds it to the cart, and
| checks out paying on delivery; the merchant then sees the order with its
| total. Once in English with US dollars, once in Arabic with a Kuwaiti dinar
| store, whose totals carry three decimals.
*/
import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { TEST_SERVER, createStore, type TestStore } from '#tests/helpers'
import { formatMoney } from '#core/mod'
import { ordersOf, setCheckout } from '#tests/functional/storefront/orders_support'
import { signIn } from './support/session.js'

const BASE = TEST_SERVER

interface Flow {
  lang: 'en' | 'ar'
  blueprint: string
  currency: string
  title: string
  typo: string
  option: string
  sizes: string
  size: string
  price: string
  priceAmount: bigint
  shipping: bigint
}

const FLOWS: Flow[] = [
  {
    lang: 'en',
    blueprint: 'classic',
    currency: 'USD',
    title: 'Linen Shirt',
    typo: 'linnen shirt',
    option: 'Size',
    sizes: 'S, M, L',
    size: 'M',
    price: '25.00',
    priceAmount: 2500n,
    shipping: 500n,
  },
  {
    lang: 'ar',
    blueprint: 'souq',
    currency: 'KWD',
    title: 'دهن العود الملكي',
    typo: 'دهن العود',
    option: 'الحجم',
    sizes: '٣ مل، ٦ مل',
    size: '٦ مل',
    price: '12.345',
    priceAmount: 12345n,
    shipping: 1250n,
  },
]

async function addProduct(page: Page, flow: Flow) {
  await page.goto(`${BASE}/dashboard/catalog/products/create?lang=${flow.lang}`)
  const form = page.locator('#product-form')
  await form.locator('[name="title"]').fill(flow.title)
  await form.locator('[name="status"]').selectOption('active')
  await form.locator('[name="price"]').fill(flow.price)
  await form.locator('[name="stock"]').fill('5')
  await form.locator('[name="options[0][name]"]').fill(flow.option)
  await form.locator('[name="options[0][values]"]').fill(flow.sizes)
  await form.locator('button[type="submit"]').last().click()
  await page.waitForURL(/\/dashboard\/catalog\/products\/[0-9a-f-]{36}/)
}

async function buy(browser: Browser, fixture: TestStore, flow: Flow, assert: any) {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const shop = `${BASE}/s/${fixture.store.slug}`
    await page.goto(`${shop}/search?q=${encodeURIComponent(flow.typo)}&lang=${flow.lang}`)
    await page.locator('main').getByRole('link', { name: flow.title }).first().click()
    await page.waitForURL(/\/products\//)
    assert.equal(await page.locator('html').getAttribute('dir'), flow.lang === 'ar' ? 'rtl' : 'ltr')

    await page.waitForFunction(() => Boolean((window as any).htmx))
    await page.getByLabel(flow.option).selectOption(flow.size)
    // the purchase panel is swapped by htmx for the chosen size's variant
    await page.waitForFunction(
      (size) => document.querySelector('.product-purchase')?.textContent?.includes(size) ?? false,
      flow.size
    )
    await page.locator('form.add-to-cart button[type="submit"]').click()
    await page.waitForURL(/\/cart/)
    await page.goto(`${shop}/checkout`)

    const form = page.locator('form[action$="/checkout"]')
    await form.locator('[name="email"]').fill(`shopper-${flow.lang}@example.test`)
    await form.locator('[name="fullName"]').fill(flow.lang === 'ar' ? 'سارة أحمد' : 'Sara Shopper')
    await form.locator('[name="phone"]').fill('+965 5000 1234')
    await form.locator('[name="country"]').selectOption('KW')
    await form.locator('[name="city"]').fill(flow.lang === 'ar' ? 'الكويت' : 'Kuwait City')
    await form.locator('[name="addressLine1"]').fill('Block 3, Street 12, House 7')
    await form.locator('button[type="submit"]').last().click()
    await page.waitForURL(/\?placed/)
    const confirmation = await page.locator('main').innerText()
    return { confirmation }
  } finally {
    await context.close()
  }
}

test.group('Shop flow (browser)', () => {
  for (const flow of FLOWS) {
    test(`${flow.lang}, ${flow.currency}: a product added in the dashboard is found, bought on delivery, and seen by the merchant`, async ({
      visit,
      browser,
      assert,
    }) => {
      const fixture = await createStore({ blueprint: flow.blueprint })
      await setCheckout(fixture, { shippingAmount: flow.shipping, taxRateBp: 0 })
      const merchant = await visit(`${BASE}/signin`)
      await signIn(merchant, fixture.owner.email)
      await addProduct(merchant, flow)

      const { confirmation } = await buy(browser, fixture, flow, assert)
      const total = flow.priceAmount + flow.shipping
      const shown = formatMoney({ amount: total, currency: flow.currency }, flow.lang)
      assert.include(confirmation, shown, 'the confirmation shows the total')

      const [order] = await ordersOf(fixture)
      assert.equal(order.currency, flow.currency)
      assert.equal(order.total_amount, String(total))

      await merchant.goto(`${BASE}/dashboard/orders?lang=${flow.lang}`)
      const row = merchant.locator('main tr', { hasText: `shopper-${flow.lang}@example.test` })
      await row.locator(`a[href*="/dashboard/orders/${order.id}"]`).first().click()
      await merchant.waitForURL(`**/dashboard/orders/${order.id}**`)
      const detail = await merchant.locator('main').innerText()
      assert.include(detail, shown, 'the merchant sees the same total')
      assert.include(detail, flow.size)
    }).timeout(60_000)
  }
})
