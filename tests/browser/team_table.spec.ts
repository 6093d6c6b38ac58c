/// <reference lib="dom" />
/*
| The team page's data table in the browser: the role menu saves by htmx and
| the flash arrives without a page load, a refusal shows its message and puts
| the role back, sort links swap the table and update the URL, the row menu
| closes on Escape, no sideways scrolling on a phone, and axe in both languages.
*/
import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import edge from 'edge.js'
import i18nManager from '@adonisjs/i18n/services/main'
import { Membership } from '#identity/mod'
import { withTenant } from '#tenancy/mod'
import { TEST_SERVER, createStore } from '#tests/helpers'
import { assertAccessible } from './support/axe.js'
import { signIn } from './support/session.js'

const BASE = TEST_SERVER

async function idOf(store: Parameters<typeof withTenant>[0], userId: string) {
  return withTenant(store, async () => (await Membership.findByOrFail('userId', userId)).id)
}

/** Marks the document, so a test can tell a swap from a page load */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as any).__sameDocument = true))
}

async function sameDocument(page: Page) {
  return page.evaluate(() => (window as any).__sameDocument === true)
}

test.group('Team table (browser)', () => {
  test('the role menu saves by htmx, the flash appears without a page load, and the role persists', async ({
    visit,
    assert,
  }) => {
    const { store, owner, members } = await createStore()
    const memberId = await idOf(store, members.member.id)
    const page = await visit(`${BASE}/signin`)
    await signIn(page, owner.email)
    await page.goto(`${BASE}/dashboard/team`)
    await page.waitForFunction(() => document.documentElement.classList.contains('htmx-on'))

    // with htmx the Save button is gone: the menu saves by itself
    assert.isFalse(await page.locator(`#member-${memberId} .hx-fallback`).isVisible())
    await markDocument(page)
    await page.locator(`#role-${memberId}`).selectOption('finance')

    const status = page.locator('[data-flash-region] [role="status"] .flash')
    await status.waitFor()
    assert.include(await status.innerText(), 'is now Finance')
    assert.isTrue(await sameDocument(page), 'the page was loaded again')
    assert.equal(await page.locator(`#role-${memberId}`).inputValue(), 'finance')

    await page.reload()
    assert.equal(await page.locator(`#role-${memberId}`).inputValue(), 'finance')
    assert.equal(
      await withTenant(store, async () => (await Membership.findOrFail(memberId)).role),
      'finance'
    )
  })

  test('a refused change shows its message and puts the role back', async ({ visit, assert }) => {
    const { store, owner } = await createStore()
    const ownerId = await idOf(store, owner.id)
    const page = await visit(`${BASE}/signin`)
    await signIn(page, owner.email)
    await page.goto(`${BASE}/dashboard/team`)
    await page.waitForFunction(() => document.documentElement.classList.contains('htmx-on'))
    await markDocument(page)

    await page.locator(`#role-${ownerId}`).selectOption('admin')
    const alert = page.locator('[data-flash-region] [role="alert"] .flash')
    await alert.waitFor()
    assert.include(await alert.innerText(), 'The last owner cannot be demoted')
    await page.locator(`#member-${ownerId} .dt-row-message`).waitFor()
    assert.equal(await page.locator(`#role-${ownerId}`).inputValue(), 'owner')
    assert.isTrue(await sameDocument(page))
  })

  test('sort links swap the table and update the URL; the row menu closes on Escape', async ({
    visit,
    assert,
  }) => {
    const { owner } = await createStore()
    const page = await visit(`${BASE}/signin`)
    await signIn(page, owner.email)
    await page.goto(`${BASE}/dashboard/team`)
    await page.waitForFunction(() => document.documentElement.classList.contains('htmx-on'))
    await markDocument(page)

    await page.locator('#members th a.dt-sort', { hasText: 'Role' }).click()
    await page.waitForURL(/sort=role/)
    await page.locator('#members th[aria-sort="ascending"]', { hasText: 'Role' }).waitFor()
    assert.isTrue(await sameDocument(page), 'the sort link loaded the page again')

    const menu = page.locator('#members details.row-menu').first()
    await menu.locator('summary.row-menu-trigger').focus()
    await page.keyboard.press('Enter')
    assert.isTrue(await menu.evaluate((details) => (details as HTMLDetailsElement).open))
    await page.keyboard.press('Tab')
    await page.keyboard.press('Escape')
    assert.isFalse(await menu.evaluate((details) => (details as HTMLDetailsElement).open))
    assert.isTrue(
      await menu
        .locator('summary.row-menu-trigger')
        .evaluate((summary) => summary === document.activeElement)
    )
  })

  test('without JavaScript the role form saves with its button', async ({
    browserContext,
    assert,
  }) => {
    const { store, owner, members } = await createStore()
    const memberId = await idOf(store, members.member.id)
    const context = await browserContext.browser()!.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await signIn(page, owner.email)
    await page.goto(`${BASE}/dashboard/team`)
    const row = page.locator(`#member-${memberId}`)
    await row.locator('select').selectOption('admin')
    await row.getByRole('button', { name: 'Save role' }).click()
    await page.waitForURL('**/dashboard/team')
    assert.include(await page.locator('main .flash-success').innerText(), 'is now Admin')
    assert.equal(await page.locator(`#role-${memberId}`).inputValue(), 'admin')
    await context.close()
  })

  for (const lang of ['en', 'ar'] as const) {
    test(`the team page passes axe and fits a phone in ${lang}`, async ({ visit, assert }) => {
      const { owner } = await createStore()
      const page = await visit(`${BASE}/signin`)
      await signIn(page, owner.email)
      await page.goto(`${BASE}/dashboard/team?lang=${lang}`)
      await page.assertExists(`html[dir="${lang === 'ar' ? 'rtl' : 'ltr'}"]`)
      await assertAccessible(page, `team (${lang})`)

      await page
        .locator('#members details.row-menu')
        .first()
        .locator('summary.row-menu-trigger')
        .click()
      await assertAccessible(page, `team with a row menu open (${lang})`)

      await page.setViewportSize({ width: 375, height: 800 })
      await page.goto(`${BASE}/dashboard/team?lang=${lang}`)
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.isAtMost(width, 375, 'the team page scrolls sideways on a phone')
      await assertAccessible(page, `team on a phone (${lang})`)
      await page.emulateMedia({ colorScheme: 'dark' })
      await assertAccessible(page, `team, dark (${lang})`)
    })
  }

  test('the kit data table: select-all checks every row and the bulk form counts them', async ({
    visit,
    assert,
  }) => {
    const html = await edge
      .createRenderer()
      .share({
        i18n: i18nManager.locale('en'),
        locale: 'en',
        dir: 'ltr',
        csrfField: () => edge.globals.html.safe(''),
        csrfToken: '',
      })
      .render('kit/components')
    const page = await visit(`${BASE}/?lang=en`)
    await page.setContent(html, { waitUntil: 'load' })
    const table = page.locator('#orders-sample')
    await table.locator('[data-select-all]').check()
    assert.equal(await table.locator('[data-select-row]:checked').count(), 3)
    assert.equal(await table.locator('[data-selected-count]').innerText(), '3 selected')
    await table.getByRole('checkbox', { name: 'Select #1041' }).uncheck()
    assert.isTrue(
      await table
        .locator('[data-select-all]')
        .evaluate((box) => (box as HTMLInputElement).indeterminate)
    )
    assert.equal(await table.locator('[data-selected-count]').innerText(), '2 selected')
    // the boxes belong to the bulk form, which also names every row shown
    assert.equal(await table.locator('[data-select-row][form="orders-sample-bulk"]').count(), 3)
    assert.equal(await table.locator('#orders-sample-bulk input[name="shown[]"]').count(), 3)
    assert.equal(await table.locator('th[aria-sort="descending"]').innerText(), 'Total')
  })
})
