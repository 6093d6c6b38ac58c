/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { storeUrl } from '#core/mod'
import { TEST_SERVER, createStore } from '#tests/helpers'
import { assertAccessible } from './support/axe.js'
import { signIn } from './support/session.js'

const BASE = TEST_SERVER

async function audit(page: Page, path: string, lang: 'en' | 'ar', label = path) {
  await page.goto(`${BASE}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`)
  await assertAccessible(page, `${label} (${lang})`)
}

test.group('Overview and store settings (axe-core, the copy button)', () => {
  for (const lang of ['en', 'ar'] as const) {
    test(`the overview with its checklist and the settings page in ${lang}`, async ({
      visit,
      assert,
    }) => {
      const { owner } = await createStore()
      const page = await visit(`${BASE}/signin?lang=en`)
      await signIn(page, owner.email)

      await audit(page, '/dashboard', lang)
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr')
      assert.equal(await page.locator('#setup .checklist-step').count(), 4)
      assert.equal(await page.locator('progress.setup-progress').getAttribute('value'), '1')

      await audit(page, '/dashboard/settings', lang)
      // Refused: the form again with its messages
      await page.locator('#storeName').fill('')
      await page.locator('#store-settings button[type="submit"]:not([data-preview-button])').click()
      await page.waitForSelector('#storeName[aria-invalid="true"]')
      await assertAccessible(page, `/dashboard/settings with form errors (${lang})`)

      // Saved: a flash, then the checklist ticks the step
      await page.locator('#storeName').fill('Saved Goods')
      await page.locator('#tagline').fill('Fresh every morning')
      await page.locator('#store-settings button[type="submit"]:not([data-preview-button])').click()
      await page.waitForSelector('.flash')
      await assertAccessible(page, `/dashboard/settings after saving (${lang})`)
      await page.goto(`${BASE}/dashboard?lang=${lang}`)
      assert.equal(await page.locator('#step-store-settings.checklist-done').count(), 1)
      assert.equal(await page.locator('progress.setup-progress').getAttribute('value'), '2')
      assert.isAbove(await page.locator('.latest-activity li').count(), 0)

      await page.emulateMedia({ colorScheme: 'dark' })
      await audit(page, '/dashboard', lang, '/dashboard, dark')
      await audit(page, '/dashboard/settings', lang, '/dashboard/settings, dark')
      await page.emulateMedia({ colorScheme: 'light' })
    }).timeout(60_000)
  }

  test('the copy button copies the store address and says so (Chromium)', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { store, owner } = await createStore()
    const address = storeUrl(store)
    await browserContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE })
    const page = await visit(`${BASE}/signin?lang=en`)
    await signIn(page, owner.email)
    await page.goto(`${BASE}/dashboard?lang=en`)

    const button = page.getByRole('button', { name: 'Copy address' })
    await button.waitFor({ state: 'visible' })
    await button.click()
    const status = page.locator('#store-address-status')
    await page.waitForFunction(
      () => document.querySelector('#store-address-status')?.textContent === 'Copied'
    )
    assert.equal(await status.getAttribute('role'), 'status')
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    assert.equal(copied, address)
    await assertAccessible(page, '/dashboard after copying')

    // In Arabic too
    await page.goto(`${BASE}/dashboard?lang=ar`)
    await page.getByRole('button', { name: 'نسخ العنوان' }).click()
    await page.waitForFunction(
      () => document.querySelector('#store-address-status')?.textContent === 'تم النسخ'
    )
  })

  test('without JavaScript the address is a link and no copy button shows', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { store, owner } = await createStore()
    const page = await visit(`${BASE}/signin?lang=en`)
    await signIn(page, owner.email)
    const withoutScript = await browserContext.browser()!.newContext({ javaScriptEnabled: false })
    await withoutScript.addCookies(await browserContext.cookies())
    const plain = await withoutScript.newPage()
    await plain.goto(`${BASE}/dashboard?lang=en`)
    const link = plain.locator('#store-address')
    assert.equal(await link.getAttribute('href'), storeUrl(store))
    assert.isTrue(await link.isVisible())
    assert.isTrue(await plain.locator('button[data-copy]').isHidden())
    await withoutScript.close()
  })
})
