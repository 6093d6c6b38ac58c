/// <reference lib="dom" />
/*
| Screenshots of the main screens, at a desktop (1280×800) and a phone (390×844)
| width, in English and Arabic (and the error pages, with their status), into tests/browser/screenshots/latest/ (not in
| git). The viewport only, in the light theme. With UPDATE_SCREENSHOTS=1 the
| chosen ones (CHOSEN) are also copied to tests/browser/screenshots/, where
| they are committed.
*/
import { test } from '@japa/runner'
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { SuspendStore, withTenant } from '#tenancy/mod'
import { seedCategory, seedProduct } from '#tests/functional/catalog/support'
import { seedProject, seedTask } from '#tests/functional/workspace/support'
import { TEST_SERVER, createStore, lastMailTo, linkIn, uniqueEmail } from '#tests/helpers'
import { signIn } from './support/session.js'

const BASE = TEST_SERVER
const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url))
const LATEST = join(DIR, 'latest')
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const

/** The screenshots that are committed, by name */
const CHOSEN = [
  'landing-en-desktop',
  'signin-ar-phone',
  'dashboard-en-desktop',
  'dashboard-ar-phone',
  'team-ar-phone',
  'admin-en-desktop',
  'storefront-souq-en-desktop',
  'storefront-souq-ar-phone',
  'storefront-boutique-en-desktop',
  'storefront-classic-en-phone',
  'invitation-en-desktop',
  'catalog-en-desktop',
  'storefront-product-ar-phone',
  'storefront-product-en-desktop',
  'board-en-desktop',
]

type Assert = { equal: Function; isAbove: Function; deepEqual: Function }

async function shoot(page: Page, assert: Assert, name: string, path: string, status = 200) {
  const taken: string[] = []
  for (const lang of ['en', 'ar'] as const) {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      const response = await page.goto(
        `${BASE}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`
      )
      assert.equal(response?.status(), status, `${path} (${lang}) answered ${response?.status()}`)
      const file = join(LATEST, `${name}-${lang}-${width}.png`)
      await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' })
      const png = readFileSync(file)
      assert.isAbove(png.length, 1000, `${file} is empty`)
      assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE, `${file} is not a PNG`)
      taken.push(`${name}-${lang}-${width}`)
    }
  }
  return taken
}

test.group('Screenshots', () => {
  test('the main screens at desktop and phone widths, in English and Arabic', async ({
    visit,
    assert,
  }) => {
    rmSync(LATEST, { recursive: true, force: true })
    mkdirSync(LATEST, { recursive: true })
    const souq = await createStore({ blueprint: 'souq' })
    const { owner, store } = souq
    const shirts = await seedCategory(souq, 'Shirts')
    const { product } = await seedProduct(souq, {
      title: 'Linen Shirt',
      price: 4500n,
      sizes: ['S', 'M', 'L'],
      sku: 'LIN',
    })
    await withTenant(store, () => product.merge({ categoryId: shirts.id }).save())
    await seedProduct(souq, { title: 'Wool Scarf', price: 3200n, stock: 2 })
    await seedProduct(souq, { title: 'Canvas Tote', price: 2200n, stock: 0 })
    const project = await seedProject(souq, 'Summer launch')
    for (const [title, status] of [
      ['Photograph the new shirts', 'doing'],
      ['Write the product texts', 'todo'],
      ['Price the summer range', 'todo'],
      ['Order linen samples', 'done'],
    ] as const) {
      await seedTask(souq, project.id, title, { status, assigneeUserId: owner.id })
    }
    const boutique = await createStore({ blueprint: 'boutique' })
    const classic = await createStore({ blueprint: 'classic' })
    owner.isPlatformAdmin = true
    await owner.save()

    const page = await visit(`${BASE}/?lang=en`)
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
    const taken = [
      ...(await shoot(page, assert, 'landing', '/')),
      ...(await shoot(page, assert, 'signin', '/signin')),
      ...(await shoot(page, assert, 'storefront-souq', `/s/${store.slug}`)),
      ...(await shoot(page, assert, 'storefront-boutique', `/s/${boutique.store.slug}`)),
      ...(await shoot(page, assert, 'storefront-classic', `/s/${classic.store.slug}`)),
      ...(await shoot(
        page,
        assert,
        'storefront-product',
        `/s/${store.slug}/products/${product.slug}`
      )),
      ...(await shoot(page, assert, 'not-found', '/no-such-page', 404)),
      ...(await shoot(page, assert, 'storefront-missing', '/s/no-such-store-zz', 404)),
    ]
    const closed = await createStore({ blueprint: 'boutique' })
    await new SuspendStore().handle(closed.store.slug)
    taken.push(...(await shoot(page, assert, 'storefront-closed', `/s/${closed.store.slug}`, 503)))
    await signIn(page, owner.email)
    taken.push(
      ...(await shoot(page, assert, 'dashboard', '/dashboard')),
      ...(await shoot(page, assert, 'team', '/dashboard/team')),
      ...(await shoot(page, assert, 'catalog', '/dashboard/catalog')),
      ...(await shoot(page, assert, 'board', `/dashboard/projects/${project.id}`)),
      ...(await shoot(page, assert, 'admin', '/admin'))
    )

    // An invitation to a new address, opened by someone signed out
    const invitee = uniqueEmail('invitee')
    await page.goto(`${BASE}/dashboard/team?lang=en`)
    await page.locator('#invite-form input[name="email"]').fill(invitee)
    await page.locator('#invite-form button[type="submit"]').click()
    await page.waitForSelector('.flash')
    const mail = await lastMailTo(invitee, { subject: /invited/ })
    const token = linkIn(mail?.text ?? '', '/invitations')
    await page.context().clearCookies()
    taken.push(...(await shoot(page, assert, 'invitation', `/invitations/${token}`)))

    assert.equal(taken.length, 15 * 2 * 2)
    for (const name of CHOSEN) {
      assert.isAbove(taken.indexOf(name), -1, `${name} was not taken`)
      if (process.env.UPDATE_SCREENSHOTS) {
        copyFileSync(join(LATEST, `${name}.png`), join(DIR, `${name}.png`))
      }
    }
  }).timeout(180_000)
})
