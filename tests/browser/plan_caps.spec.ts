/// <reference lib="dom" />
/*
| A plan's cap as the owner of a free store meets it: with the three projects
| the free plan allows, a fourth sent through the form comes back with the
| cap message inline and a link to the billing page, whose upgrade button is
| there (Stripe stood in, a paid plan with a price). Both pages pass axe, in
| English and in Arabic, on a phone and on a desktop.
*/
import { test } from '@japa/runner'
import { TEST_SERVER, createStore } from '#tests/helpers'
import { planWithStripePrice, stripeStandIn } from '#tests/functional/billing/support'
import { seedProject, workspaceOf } from '#tests/functional/workspace/support'
import { assertAccessible } from './support/axe.js'
import { signIn } from './support/session.js'

const BASE = TEST_SERVER

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
]

const COPY = {
  en: { cap: 'allows 3 projects', link: 'See plans and upgrade' },
  ar: { cap: 'من المشاريع', link: 'عرض الخطط والترقية' },
}

test.group('Plan caps (browser)', () => {
  for (const lang of ['en', 'ar'] as const) {
    test(`a free store at its project cap sees why and the way to upgrade (${lang})`, async ({
      visit,
      assert,
      cleanup,
    }) => {
      await stripeStandIn(cleanup)
      const paid = await planWithStripePrice()
      const fixture = await createStore({ plan: 'free' })
      for (const name of ['Spring range', 'Summer launch', 'Eid sale']) {
        await seedProject(fixture, name)
      }

      const page = await visit(`${BASE}/signin`)
      await signIn(page, fixture.owner.email)
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport)
        await page.goto(`${BASE}/dashboard/projects?lang=${lang}`)
        await page.locator(`main a[href$="/dashboard/projects/create"]`).first().click()
        await page.waitForURL('**/dashboard/projects/create**')
        const form = page.locator('#project-form')
        await form.locator('[name="name"]').fill('Autumn range')
        const [answer] = await Promise.all([
          page.waitForResponse((response) => response.request().method() === 'POST'),
          form.locator('button[type="submit"]').click(),
        ])
        assert.equal(answer.status(), 402)
        await page.waitForLoadState()

        const alert = form.locator('.error[role="alert"]')
        await alert.waitFor()
        assert.include(await alert.innerText(), COPY[lang].cap)
        assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr')
        await assertAccessible(page, `project cap, ${viewport.name} (${lang})`)

        const upgrade = alert.getByRole('link', { name: COPY[lang].link })
        await upgrade.click()
        await page.waitForURL('**/dashboard/billing**')
        const button = page.locator(`#upgrade-${paid.code} button[type="submit"]`)
        assert.isTrue(await button.isVisible(), 'the billing page offers the upgrade')
        await assertAccessible(page, `billing after the cap, ${viewport.name} (${lang})`)
      }
      const { projects } = await workspaceOf(fixture)
      assert.lengthOf(projects, 3, 'no fourth project was made')
    }).timeout(90_000)
  }
})
