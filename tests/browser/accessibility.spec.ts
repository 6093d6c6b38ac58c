/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { SuspendStore } from '#tenancy/mod'
import { TEST_SERVER, createStore, unique, uniqueEmail } from '#tests/helpers'
import { assertAccessible } from './support/axe.js'
import { signIn } from './support/session.js'

const BASE = TEST_SERVER

async function audit(page: Page, path: string, lang: 'en' | 'ar') {
  const url = `${BASE}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`
  await page.goto(url)
  await assertAccessible(page, `${path} (${lang})`)
}

test.group('Accessibility (axe-core)', () => {
  for (const lang of ['en', 'ar'] as const) {
    test(`public pages and the storefront in ${lang}`, async ({ visit, assert }) => {
      const { store } = await createStore()
      const page = await visit(`${BASE}/?lang=${lang}`)
      assert.equal(await page.locator('html').getAttribute('lang'), lang)
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr')
      await assertAccessible(page, `/ (${lang})`)
      await audit(page, '/signup', lang)
      await audit(page, '/signin', lang)
      await audit(page, `/s/${store.slug}`, lang)
      await audit(page, `/s/${unique('missing')}`, lang)
      await audit(page, `/${unique('missing')}`, lang)

      const closed = await createStore({ blueprint: 'souq' })
      await new SuspendStore().handle(closed.store.slug)
      await audit(page, `/s/${closed.store.slug}`, lang)
    })

    test(`error pages in ${lang}`, async ({ visit, assert }) => {
      const missing = await visit(`${BASE}/${unique('missing')}?lang=${lang}`)
      await missing.assertExists('.error-page[data-status="404"]')
      assert.equal(await missing.locator('h1').count(), 1)
      await assertAccessible(missing, `404 (${lang})`)

      // A form whose CSRF token is gone: the "form expired" page, with a way to sign in again
      const page = await visit(`${BASE}/signin?lang=${lang}`)
      const form = page.locator('form:has(input[name="password"])')
      await form.locator('input[name="_csrf"]').evaluate((input) => input.remove())
      await form.locator('input[name="email"]').fill(uniqueEmail('expired'))
      await form.locator('input[name="password"]').fill('whatever-password')
      await form.locator('button[type="submit"]').click()
      await page.waitForSelector('.error-page')
      assert.include(
        await page.locator('h1').innerText(),
        lang === 'en' ? 'This form expired' : 'انتهت'
      )
      await page.assertExists('.error-page a[href="/signin"]')
      await assertAccessible(page, `expired form (${lang})`)
      await page.emulateMedia({ colorScheme: 'dark' })
      await assertAccessible(page, `expired form, dark (${lang})`)
    })

    test(`dashboard pages and the admin in ${lang}`, async ({ visit }) => {
      const { owner } = await createStore()
      owner.isPlatformAdmin = true
      await owner.save()
      const page = await visit(`${BASE}/signin?lang=en`)
      await signIn(page, owner.email)
      for (const path of [
        '/dashboard',
        '/dashboard/team',
        '/dashboard/api-tokens',
        '/dashboard/activity',
        '/dashboard/catalog',
        '/admin',
      ]) {
        await audit(page, path, lang)
      }

      // The store's deletion, confirmed in a modal dialog
      await page.goto(`${BASE}/dashboard?lang=${lang}`)
      await page.locator('#delete-store > summary').click()
      await page.waitForSelector('dialog.confirm-dialog[open]')
      await assertAccessible(page, `/dashboard with the confirm dialog (${lang})`)
      await page.keyboard.press('Escape')

      // A flash message, then form errors, then the dark theme
      await page.goto(`${BASE}/dashboard/team?lang=${lang}`)
      const invite = page.locator('#invite-form')
      await invite.locator('input[name="email"]').fill(uniqueEmail('invitee'))
      await invite.locator('button[type="submit"]').click()
      await page.waitForSelector('.flash')
      await assertAccessible(page, `/dashboard/team after an invitation (${lang})`)
      await invite.locator('button[type="submit"]').click()
      await page.waitForSelector('[aria-invalid="true"]')
      await assertAccessible(page, `/dashboard/team with form errors (${lang})`)
      await page.emulateMedia({ colorScheme: 'dark' })
      for (const path of ['/dashboard', '/dashboard/api-tokens', '/admin']) {
        await audit(page, path, lang)
      }
    })

    test(`forms with errors and the dark theme in ${lang}`, async ({ visit }) => {
      const page = await visit(`${BASE}/signup?lang=${lang}`)
      await page.locator('form button[type="submit"]').click()
      await page.waitForSelector('[aria-invalid="true"]')
      await assertAccessible(page, `/signup with errors (${lang})`)
      await page.emulateMedia({ colorScheme: 'dark' })
      await assertAccessible(page, `/signup with errors, dark (${lang})`)
      const { store } = await createStore({ blueprint: 'boutique' })
      const souq = await createStore({ blueprint: 'souq' })
      for (const path of ['/', '/signin', `/s/${store.slug}`, `/s/${souq.store.slug}`]) {
        await audit(page, path, lang)
      }
    })
  }
})
