/// <reference lib="dom" />
/*
| The UI kit's components on one page (resources/views/kit/components.edge,
| rendered here, not by a route), loaded into the browser on the app's origin
| so the stylesheet and scripts apply, then checked with axe in both languages.
*/
import { test } from '@japa/runner'
import edge from 'edge.js'
import i18nManager from '@adonisjs/i18n/services/main'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { TEST_SERVER } from '#tests/helpers'
import { assertAccessible } from './support/axe.js'

async function renderKit(lang: 'en' | 'ar') {
  return edge
    .createRenderer()
    .share({
      i18n: i18nManager.locale(lang),
      locale: lang,
      dir: lang === 'ar' ? 'rtl' : 'ltr',
      csrfField: () => edge.globals.html.safe(''),
      csrfToken: '',
    })
    .render('kit/components')
}

async function openKit(page: Page, lang: 'en' | 'ar') {
  await page.goto(`${TEST_SERVER}/?lang=${lang}`)
  await page.setContent(await renderKit(lang), { waitUntil: 'load' })
}

test.group('UI kit', () => {
  for (const lang of ['en', 'ar'] as const) {
    test(`every component renders and passes axe in ${lang}`, async ({ visit, assert }) => {
      const page = await visit(`${TEST_SERVER}/?lang=${lang}`)
      await openKit(page, lang)
      await page.assertExists(`html[dir="${lang === 'ar' ? 'rtl' : 'ltr'}"]`)

      // chart: an SVG image with a name and its figures as a table
      const line = page.locator('.chart-line svg[role="img"]')
      assert.isNotEmpty(await line.getAttribute('aria-label'))
      assert.equal(await page.locator('.chart-line tbody tr').count(), 6)
      assert.equal(await page.locator('.chart-bar rect').count(), 6)
      const points = (await page.locator('.chart-line polyline').getAttribute('points'))!.split(' ')
      const firstX = Number(points[0].split(',')[0])
      const lastX = Number(points.at(-1)!.split(',')[0])
      assert.isTrue(
        lang === 'ar' ? firstX > lastX : firstX < lastX,
        'the time axis runs the reading way'
      )

      // stat: the change said in words, not colour alone
      const up = page.locator('.stat-change.stat-up')
      assert.include(await up.innerText(), lang === 'en' ? 'Up 12.5%' : '12')
      await page.assertExists('.stat-change.stat-down.stat-good')

      // toggle: a real checkbox with the switch role
      const toggle = page.getByRole('switch', {
        name: lang === 'en' ? 'Email me about new orders' : 'راسلني بشأن الطلبات الجديدة',
      })
      assert.isTrue(await toggle.isChecked())
      await toggle.click()
      assert.isFalse(await toggle.isChecked())

      // money input: decimal keyboard, the currency beside it, the decimals in the hint
      const price = page.locator('#price')
      assert.equal(await price.getAttribute('inputmode'), 'decimal')
      assert.include(await page.locator('#price-hint').innerText(), '3')
      assert.equal(await page.locator('#price-currency').innerText(), 'KWD')

      // select: the error is tied to the field
      assert.equal(await page.locator('#role').getAttribute('aria-invalid'), 'true')

      // tabs: the current one is marked
      assert.equal(await page.locator('.tabs a[aria-current="page"]').count(), 1)

      await assertAccessible(page, `UI kit (${lang})`)
      // a picture of the kit for people who build screens (not committed)
      const latest = fileURLToPath(new URL('./screenshots/latest/', import.meta.url))
      mkdirSync(latest, { recursive: true })
      await page.setViewportSize({ width: 1024, height: 800 })
      await page.screenshot({ path: `${latest}kit-${lang}.png`, fullPage: true })
      await page.emulateMedia({ colorScheme: 'dark' })
      await assertAccessible(page, `UI kit, dark (${lang})`)
    })
  }

  test('the confirm dialog opens as a modal, and is a disclosure without script', async ({
    visit,
    assert,
    browserContext,
  }) => {
    const page = await visit(`${TEST_SERVER}/`)
    await openKit(page, 'en')
    await page.waitForFunction(() => {
      const details = document.querySelector('#delete-sample') as HTMLElement | null
      return details?.dataset.enhanced === 'true'
    })
    await page.locator('#delete-sample > summary').click()
    const dialog = page.locator('dialog.confirm-dialog[open]')
    await dialog.waitFor()
    assert.isTrue(
      await page.locator('#confirmSample').evaluate((el) => el === document.activeElement)
    )
    await assertAccessible(page, 'UI kit with the confirm dialog open')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    assert.equal(await page.locator('dialog.confirm-dialog[open]').count(), 0)

    const withoutScript = await browserContext.browser()!.newContext({ javaScriptEnabled: false })
    const plain = await withoutScript.newPage()
    await plain.goto(`${TEST_SERVER}/`)
    await plain.setContent(await renderKit('en'))
    assert.isFalse(await plain.locator('#confirmSample').isVisible())
    await plain.locator('#delete-sample > summary').click()
    assert.isTrue(await plain.locator('#confirmSample').isVisible())
    assert.isTrue(await plain.locator('[data-confirm-cancel]').isHidden())
    await withoutScript.close()
  })
})
