/// <reference lib="dom" />
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { currentClient, withTenant } from '#tenancy/mod'
import { TEST_SERVER, createStore } from '#tests/helpers'
import { assertAccessible } from './support/axe.js'
import { signIn } from './support/session.js'

const PAGE = `${TEST_SERVER}/dashboard/analytics/attribution`

test.group('Attribution page (browser)', () => {
  test('the report, its empty state and a refused period are axe-clean in en and ar, phone and desktop', async ({
    visit,
    assert,
  }) => {
    const fixture = await createStore()
    await withTenant(fixture.store, async () => {
      const rows = ['google', 'google', 'instagram', 'direct'].map((source) => ({
        tenant_id: fixture.store.id,
        id: randomUUID(),
        occurred_at: new Date(),
        path: '/',
        landing: true,
        source,
        medium: source === 'direct' ? 'none' : 'cpc',
        campaign: source === 'google' ? 'eid-sale' : null,
        device: 'mobile',
        visitor_hash: 'f'.repeat(32),
      }))
      await currentClient().table('visits').multiInsert(rows)
    })
    const empty = await createStore()

    const page = await visit(`${TEST_SERVER}/signin?lang=en`)
    for (const [viewport, size] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(size)
      for (const lang of ['en', 'ar'] as const) {
        await page.context().clearCookies()
        await signIn(page, fixture.owner.email)
        await page.goto(`${PAGE}?period=30&lang=${lang}`)
        assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr')
        await page.assertExists('#attribution-by-source')
        await page.assertExists('figure.chart-bar')
        await assertAccessible(page, `attribution (${lang}, ${viewport})`)

        await page.goto(`${PAGE}?period=custom&from=2026-02-30&to=2026-03-01&lang=${lang}`)
        await page.assertExists('[aria-invalid="true"]')
        await assertAccessible(page, `attribution, refused period (${lang}, ${viewport})`)

        await page.context().clearCookies()
        await signIn(page, empty.owner.email)
        await page.goto(`${PAGE}?lang=${lang}`)
        await page.assertExists('.empty-state')
        await assertAccessible(page, `attribution, empty (${lang}, ${viewport})`)
      }
    }
  }).timeout(120_000)
})
