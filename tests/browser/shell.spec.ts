/// <reference lib="dom" />
import { test } from '@japa/runner'
import { TEST_SERVER, createStore } from '#tests/helpers'
import { signIn } from './support/session.js'

const BASE = TEST_SERVER

test.group('Dashboard shell', () => {
  test('marks the current section, skips to the content and draws icons under the CSP', async ({
    visit,
    assert,
  }) => {
    const { owner } = await createStore()
    const page = await visit(`${BASE}/signin`)
    const refused: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text())
    })
    await signIn(page, owner.email)
    await page.goto(`${BASE}/dashboard/team`)

    const sidebar = page.locator('nav.sidebar')
    assert.equal(
      await sidebar.getByRole('link', { name: 'Team', exact: true }).getAttribute('aria-current'),
      'page'
    )
    assert.isNull(
      await sidebar
        .getByRole('link', { name: 'Overview', exact: true })
        .getAttribute('aria-current')
    )

    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Skip to content' })
    assert.isTrue(await skip.evaluate((element) => element === document.activeElement))
    assert.equal(await skip.getAttribute('href'), '#main')
    await page.assertExists('main#main')

    const sprite = await page.request.get(`${BASE}/icons.svg`)
    assert.equal(sprite.status(), 200)
    assert.include(await sprite.text(), '<symbol id="users"')
    const iconWidth = await page
      .locator('nav.sidebar svg.icon')
      .first()
      .evaluate((svg) => (svg as unknown as SVGGraphicsElement).getBBox().width)
    assert.isAbove(iconWidth, 0, 'the <use> reference drew nothing')
    assert.deepEqual(refused, [])
  })

  test('the sidebar is a disclosure on a phone, in Arabic too', async ({ visit, assert }) => {
    const { owner } = await createStore()
    const page = await visit(`${BASE}/signin`)
    await signIn(page, owner.email)
    await page.setViewportSize({ width: 390, height: 800 })
    await page.goto(`${BASE}/dashboard?lang=ar`)
    await page.assertExists('html[dir="rtl"]')

    const team = page.locator('nav.sidebar').getByRole('link', { name: 'الفريق', exact: true })
    assert.isFalse(await team.isVisible())
    await page.locator('.nav-disclosure > summary').click()
    assert.isTrue(await team.isVisible())
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.isAtMost(width, 390, 'the page scrolls sideways on a phone')
  })
})
