/// <reference lib="dom" />
/*
| The shop from both sides, in the browser: the merchant adds a product with
| sizes in the dashboard and uploads its picture through the images panel
| (signed PUT, attach, the queue worker resizes it); the edit page holding
| that image passes axe on a phone and on a desktop. A shopper (another
| browser context, no session) finds the product by searching with a typo,
| sees its picture offered in AVIF and WebP sizes and drawn, picks a size,
| adds it to the cart, and checks out paying on delivery; the merchant then
| sees the order with its total. Once in English with US dollars, once in
| Arabic with a Kuwaiti dinar store, whose totals carry three decimals.
*/
import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { TEST_SERVER, createStore, type TestStore } from '#tests/helpers'
import { formatMoney } from '#core/mod'
import { ordersOf, setCheckout } from '#tests/functional/storefront/orders_support'
import { assertAccessible } from './support/axe.js'
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
  alt: string
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
    alt: 'A white linen shirt, folded',
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
    alt: 'قارورة دهن عود ذهبية',
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

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
]

/** A real PNG, wider than the smallest size the resizer makes, so it makes several */
function productPng() {
  const width = 1200
  const height = 900
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3
      pixels[at] = (x * 255) / width
      pixels[at + 1] = (y * 255) / height
      pixels[at + 2] = 160
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer()
}

/** Uploads the picture on the product's page, as the merchant does, and waits for its sizes */
async function addPicture(page: Page, flow: Flow) {
  const form = page.locator('form[data-media-upload]')
  await page.waitForFunction(() => document.readyState === 'complete')
  await form.locator('input[type="file"]').setInputFiles({
    name: 'product.png',
    mimeType: 'image/png',
    buffer: await productPng(),
  })
  await form.locator('[name="altText"]').fill(flow.alt)
  // media_upload.js sends the file straight to storage, then reloads once it is attached
  const [put] = await Promise.all([
    page.waitForRequest((request) => request.method() === 'PUT', { timeout: 20_000 }),
    page.waitForEvent('load', { timeout: 20_000 }),
    form.locator('button[type="submit"]').click(),
  ])
  // the panel polls while the worker resizes; a thumbnail appears once the sizes exist
  await page.locator('#product-media .media-item img.media-thumb').waitFor({ timeout: 30_000 })
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport)
    await page.reload()
    await page.locator('#product-media .media-item img.media-thumb').waitFor()
    await assertAccessible(page, `product edit with an image, ${viewport.name} (${flow.lang})`)
  }
  return put
}

/** The product page's first <picture>: its sources' types and srcsets, and whether the image drew */
async function pictureOnPage(page: Page) {
  const picture = page.locator('.product-media picture').first()
  await picture.locator('img').evaluate(
    (img: HTMLImageElement) =>
      img.complete ||
      new Promise((resolve) => {
        img.addEventListener('load', resolve, { once: true })
        img.addEventListener('error', resolve, { once: true })
      })
  )
  return picture.evaluate((element) => ({
    sources: Array.from(element.querySelectorAll('source')).map((source) => ({
      type: source.getAttribute('type'),
      srcset: source.getAttribute('srcset') ?? '',
    })),
    alt: element.querySelector('img')!.getAttribute('alt'),
    naturalWidth: element.querySelector('img')!.naturalWidth,
    currentSrc: element.querySelector('img')!.currentSrc,
  }))
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

    const picture = await pictureOnPage(page)
    const types = picture.sources.map((source) => source.type)
    assert.includeMembers(types, ['image/avif', 'image/webp'])
    for (const source of picture.sources) {
      assert.match(source.srcset, /\s\d+w(,|$)/, `${source.type} lists its sizes by width`)
      assert.isAtLeast(source.srcset.split(',').length, 2, `${source.type} offers several sizes`)
    }
    assert.equal(picture.alt, flow.alt)
    assert.isAbove(picture.naturalWidth, 0, `the picture loads from ${picture.currentSrc}`)
    assert.match(picture.currentSrc, /\.(avif|webp)(\?|$)/)

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
      const upload = await addPicture(merchant, flow)
      assert.match(upload.url(), /signature=/i, 'the file went to a signed upload URL')

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
    }).timeout(120_000)
  }
})
