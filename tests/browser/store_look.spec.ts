/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { ACCENT_PALETTE, STORE_THEMES } from '#tenancy/mod'
import { TEST_SERVER, createStore } from '#tests/helpers'
import { assertAccessible } from './support/axe.js'
import { signIn } from './support/session.js'

const PHONE = { width: 375, height: 740 }
const DESKTOP = { width: 1280, height: 900 }

/** No part of the page wider than the screen: nothing to scroll sideways */
async function assertNoSidewaysScroll(page: Page, label: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  )
  if (overflow > 1) throw new Error(`${label}: ${overflow}px wider than the screen`)
}

test.group('Store look | the settings page in a browser', () => {
  test('changing theme and accent moves the preview; saving dresses the shop', async ({
    visit,
    assert,
  }) => {
    const fixture = await createStore()
    const page = await visit(`${TEST_SERVER}/signin?lang=en`)
    await signIn(page, fixture.owner.email)
    await page.setViewportSize(DESKTOP)
    await page.goto(`${TEST_SERVER}/dashboard/settings?lang=en`)
    const frame = page.frameLocator('#store-preview')
    await frame.locator('body.theme-classic.accent-blue').waitFor()
    // With script the frame follows the form: the Preview button is not needed
    assert.isFalse(await page.locator('[data-preview-button]').isVisible())

    await page.getByLabel('Boutique', { exact: true }).check()
    await page.getByLabel('Indigo', { exact: true }).check()
    await page.getByLabel('Storefront tagline').fill('Fresh from the preview')
    await frame.locator('body.theme-boutique.accent-indigo').waitFor()
    await frame.getByText('Fresh from the preview').waitFor()

    // Side by side on a wide screen
    const formBox = (await page.locator('#store-settings').boundingBox())!
    const frameBox = (await page.locator('#store-preview').boundingBox())!
    assert.isBelow(Math.abs(frameBox.y - formBox.y), formBox.height)

    // Not saved yet: the shop is as it was
    const shop = await page.context().newPage()
    await shop.goto(`${TEST_SERVER}/s/${fixture.store.slug}?lang=en`)
    await shop.assertExists('body.theme-classic.accent-blue')

    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.waitForURL('**/dashboard/settings')
    await page.locator('.flash').first().waitFor()
    await shop.reload()
    await shop.assertExists('body.theme-boutique.accent-indigo')
    await shop.getByText('Fresh from the preview').waitFor()
    await shop.close()
  }).timeout(60_000)

  test('without script the Preview button sends the form to the frame', async ({
    browser,
    assert,
  }) => {
    const fixture = await createStore()
    const context = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await context.newPage()
      await signIn(page, fixture.owner.email)
      await page.goto(`${TEST_SERVER}/dashboard/settings?lang=en`)
      const preview = page.locator('[data-preview-button]')
      assert.isTrue(await preview.isVisible())
      await page.getByLabel('Souq', { exact: true }).check()
      await page.getByLabel('Crimson', { exact: true }).check()
      await preview.click()
      await page.frameLocator('#store-preview').locator('body.theme-souq.accent-crimson').waitFor()
      // Still on the settings page, nothing saved
      assert.match(page.url(), /\/dashboard\/settings\?lang=en$/)
    } finally {
      await context.close()
    }
  }).timeout(60_000)

  for (const lang of ['en', 'ar'] as const) {
    test(`the settings page and its preview pass axe in ${lang}, on a phone and a desktop`, async ({
      visit,
      assert,
    }) => {
      const fixture = await createStore()
      const page = await visit(`${TEST_SERVER}/signin?lang=en`)
      await signIn(page, fixture.owner.email)
      for (const [name, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        await page.setViewportSize(viewport)
        await page.goto(`${TEST_SERVER}/dashboard/settings?lang=${lang}`)
        assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr')
        await page.frameLocator('#store-preview').locator('body.storefront').waitFor()
        await assertAccessible(page, `settings, ${name} (${lang})`)
        await assertNoSidewaysScroll(page, `settings, ${name} (${lang})`)
        if (name === 'phone') {
          // The preview goes below the form on a phone
          const formBox = (await page.locator('#store-logo').boundingBox())!
          const frameBox = (await page.locator('#store-preview').boundingBox())!
          assert.isAtLeast(frameBox.y, formBox.y + formBox.height)
        }
      }
      // A refused logo: the message beside the field passes too
      await page.locator('#logo').setInputFiles({
        name: 'logo.png',
        mimeType: 'image/png',
        buffer: Buffer.from('not an image'),
      })
      await page.getByRole('button', { name: lang === 'ar' ? 'رفع الشعار' : 'Upload logo' }).click()
      await page.locator('#logo-error').waitFor()
      await assertAccessible(page, `settings, logo refused (${lang})`)
    }).timeout(60_000)
  }

  test('every theme with every accent passes axe in the preview, light and dark', async ({
    visit,
  }) => {
    const fixture = await createStore()
    const page = await visit(`${TEST_SERVER}/signin?lang=en`)
    await signIn(page, fixture.owner.email)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      for (const theme of STORE_THEMES) {
        for (const accent of ACCENT_PALETTE) {
          const query = new URLSearchParams({ theme, accentColor: accent.color })
          await page.goto(`${TEST_SERVER}/dashboard/storefront/preview?${query}`)
          await page.assertExists(`body.theme-${theme}.accent-${accent.name}`)
          await assertAccessible(page, `${theme} with ${accent.name}, ${scheme}`)
        }
      }
    }
  }).timeout(120_000)
})
