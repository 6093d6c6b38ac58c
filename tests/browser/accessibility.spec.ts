/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright-core'
import { SuspendStore, withTenant } from '#tenancy/mod'
import { CreateProduct } from '#catalog/mod'
import { seedCategory, seedProduct } from '#tests/functional/catalog/support'
import { saveImportRun, startImportRun } from '#catalog/services/import_runs'
import { seedProject, seedTask } from '#tests/functional/workspace/support'
import { TEST_SERVER, createStore, lastMailTo, linkIn, unique, uniqueEmail } from '#tests/helpers'
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
      // an unknown store: the storefront's 404, in the default (classic) look
      await audit(page, `/s/${unique('missing')}`, lang)
      await audit(page, `/${unique('missing')}`, lang)
    })

    test(`the three storefront blueprints in ${lang}, light and dark`, async ({ visit }) => {
      const page = await visit(`${BASE}/?lang=${lang}`)
      for (const blueprint of ['classic', 'boutique', 'souq']) {
        const open = await createStore({ blueprint })
        const closed = await createStore({ blueprint })
        await new SuspendStore().handle(closed.store.slug)
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme })
          await page.goto(`${BASE}/s/${open.store.slug}?lang=${lang}`)
          await page.assertExists(`body.theme-${blueprint} header.store-header`)
          await assertAccessible(page, `${blueprint} home, ${scheme} (${lang})`)
          await page.goto(`${BASE}/s/${closed.store.slug}?lang=${lang}`)
          await page.assertExists(`body.theme-${blueprint} .store-empty`)
          await assertAccessible(page, `${blueprint} closed, ${scheme} (${lang})`)
        }
      }
    }).timeout(60_000)

    test(`storefront browse pages in ${lang}, in each blueprint`, async ({ visit }) => {
      const page = await visit(`${BASE}/?lang=${lang}`)
      for (const blueprint of ['classic', 'boutique', 'souq']) {
        const fixture = await createStore({ blueprint })
        const shirts = await seedCategory(fixture, 'Shirts')
        await seedCategory(fixture, 'Linen', shirts.id)
        await seedProduct(fixture, { title: 'Sold Out Tee', stock: 0 })
        await withTenant(fixture.store, () =>
          new CreateProduct().handle({
            actorUserId: fixture.owner.id,
            title: 'قميص كتان',
            slug: 'linen-shirt',
            description: 'Woven from flax.\n\nمنسوج من الكتان.',
            status: 'active',
            categoryId: shirts.id,
            trackStock: true,
            options: [{ name: 'Size', values: ['S', 'M'] }],
            variants: [
              {
                values: ['S', null, null],
                sku: 'LIN-S',
                priceAmount: 2500n,
                compareAtAmount: 4000n,
                costAmount: null,
                stock: 2,
              },
              {
                values: ['M', null, null],
                sku: 'LIN-M',
                priceAmount: 2600n,
                compareAtAmount: null,
                costAmount: null,
                stock: 0,
              },
            ],
          })
        )
        const store = `/s/${fixture.store.slug}`
        const schemes =
          blueprint === 'classic' ? (['light', 'dark'] as const) : (['light'] as const)
        for (const scheme of schemes) {
          await page.emulateMedia({ colorScheme: scheme })
          for (const path of [
            store,
            `${store}/categories/shirts`,
            `${store}/categories/linen`,
            `${store}/products/linen-shirt`,
            `${store}/search?q=shirt`,
            `${store}/search?q=zebra`,
            `${store}/search`,
            `${store}/products/no-such-product`,
          ]) {
            await audit(page, path, lang)
            await page.assertExists(`body.theme-${blueprint} main#main`)
          }
          // the variant picker swaps the purchase panel (htmx) to a sold-out size
          await page.goto(`${BASE}${store}/products/linen-shirt?lang=${lang}`)
          await page.selectOption('select[name="option1"]', 'M')
          await page.waitForURL(/variant=/)
          await page.assertExists('#product-purchase button[disabled]')
          await assertAccessible(
            page,
            `${blueprint} product, sold-out variant, ${scheme} (${lang})`
          )
        }
        await page.emulateMedia({ colorScheme: 'light' })
      }
    }).timeout(90_000)

    test(`shopping pages from the cart to the dashboard orders in ${lang}`, async ({
      visit,
      assert,
    }) => {
      const fixture = await createStore()
      const { variants } = await seedProduct(fixture, {
        title: 'Oud Oil',
        stock: 5,
        price: 12_500n,
      })
      const store = `/s/${fixture.store.slug}`
      const page = await visit(`${BASE}${store}/cart?lang=${lang}`)
      await assertAccessible(page, `empty cart (${lang})`)
      // the add-to-cart form's post, with the page's cookies
      await page.request.post(`${BASE}${store}/cart/items`, {
        form: { variantId: variants[0].id, quantity: '2' },
        maxRedirects: 0,
      })
      await audit(page, `${store}/cart?added=${variants[0].id}`, lang)
      // htmx swaps the cart in place (the address keeps ?added=); without it the form reloads /cart
      await page.locator('#cart input[name="quantity"]').fill('3')
      await page.locator('#cart form:has(input[name="quantity"]) button[type="submit"]').click()
      await page.waitForSelector('#cart input[name="quantity"][value="3"]')
      assert.include(page.url(), 'added=')
      await assertAccessible(page, `cart after an htmx change (${lang})`)
      await page.locator('#cart-discount input[name="code"]').fill('NOPE')
      await page.locator('#cart-discount button[type="submit"]').click()
      await page.waitForSelector('#cart-discount .error')
      await assertAccessible(page, `cart with a refused discount code (${lang})`)
      await audit(page, `${store}/checkout`, lang)
      const form = page.locator('#checkout-delivery form')
      await form.locator('button[type="submit"]').click()
      await page.waitForSelector('[aria-invalid="true"]')
      await assertAccessible(page, `checkout with errors (${lang})`)
      await form.locator('input[name="email"]').fill(uniqueEmail('shopper'))
      await form.locator('input[name="fullName"]').fill('Sara Shopper')
      await form.locator('input[name="phone"]').fill('+965 5000 1234')
      await form.locator('input[name="city"]').fill('Kuwait City')
      await form.locator('input[name="addressLine1"]').fill('Block 3, Street 12')
      await form.locator('button[type="submit"]').click()
      await page.waitForURL(/\/orders\/[0-9a-f-]{36}\//)
      const orderId = /\/orders\/([0-9a-f-]{36})\//.exec(page.url())![1]
      await assertAccessible(page, `order confirmation (${lang})`)
      await audit(page, `${store}/orders/lookup`, lang)
      await page.locator('main form button[type="submit"]').click()
      await page.waitForSelector('.error')
      await assertAccessible(page, `order lookup refused (${lang})`)

      await signIn(page, fixture.owner.email)
      await audit(page, '/dashboard/orders', lang)
      await audit(page, `/dashboard/orders/${orderId}`, lang)
      await audit(page, '/dashboard/orders/settings', lang)
      await audit(page, '/dashboard/orders/discounts', lang)
      await audit(page, '/dashboard/orders/discounts/create', lang)
      const discountForm = page.locator('#discount form')
      await discountForm.locator('button[type="submit"]').click()
      await page.waitForSelector('[aria-invalid="true"]')
      await assertAccessible(page, `discount code form with errors (${lang})`)
      await discountForm.locator('input[name="code"]').fill('WELCOME10')
      await discountForm.locator('input[name="percentage"]').fill('10')
      await discountForm.locator('button[type="submit"]').click()
      await page.waitForSelector('#discount-codes')
      await assertAccessible(page, `discount codes list (${lang})`)
      await page.locator('#discount-codes a', { hasText: 'WELCOME10' }).click()
      await page.waitForURL(/\/edit$/)
      await assertAccessible(page, `discount code edit (${lang})`)
      await page.emulateMedia({ colorScheme: 'dark' })
      await audit(page, `/dashboard/orders/${orderId}`, lang)
      await audit(page, `${store}/cart`, lang)
      await page.emulateMedia({ colorScheme: 'light' })
    }).timeout(60_000)

    test(`invitation, check-email and mailed-link pages in ${lang}`, async ({
      visit,
      browser,
      assert,
    }) => {
      const { owner } = await createStore()
      // an account in another store (so signing in lands on its dashboard)
      const { owner: outsider } = await createStore()
      const newcomer = uniqueEmail('newcomer')

      // The owner invites a new address and an existing account
      const page = await visit(`${BASE}/signin?lang=en`)
      await signIn(page, owner.email)
      const tokens: Record<string, string> = {}
      for (const email of [newcomer, outsider.email]) {
        await page.goto(`${BASE}/dashboard/team?lang=en`)
        const invite = page.locator('#invite-form')
        await invite.locator('input[name="email"]').fill(email)
        await invite.locator('button[type="submit"]').click()
        await page.waitForSelector('.flash')
        const mail = await lastMailTo(email, { subject: /invited/ })
        const token = linkIn(mail?.text ?? '', '/invitations')
        assert.isString(token, `no invitation mailed to ${email}`)
        tokens[email] = token!
      }
      // signed in with another address than the invitation's
      await audit(page, `/invitations/${tokens[newcomer]}`, lang)
      await page.assertExists('.auth-card .flash-warning')

      const guestContext = await browser.newContext()
      const anonContext = await browser.newContext()
      try {
        const guest = await guestContext.newPage()
        // a new address: the form that creates the account
        await audit(guest, `/invitations/${tokens[newcomer]}`, lang)
        await guest.assertExists('.auth-card input[name="fullName"]')
        // an address with an account: sign in first
        await audit(guest, `/invitations/${tokens[outsider.email]}`, lang)
        await guest.assertExists('.auth-card a[href="/signin"]')
        // signed in as the invited account: the accept button
        await signIn(guest, outsider.email)
        await audit(guest, `/invitations/${tokens[outsider.email]}`, lang)
        await guest.assertNotExists('.auth-card input[name="password"]')

        // A sign-in link: asked for, the page it opens, then spent
        const anon = await anonContext.newPage()
        await anon.goto(`${BASE}/signin?lang=${lang}`)
        await anon.locator('#magic-link-email').fill(outsider.email)
        await anon.locator('#magic-link button[type="submit"]').click()
        await anon.waitForSelector('.auth-card')
        await assertAccessible(anon, `magic link sent (${lang})`)
        const mail = await lastMailTo(outsider.email, { subject: /sign-in link|رابط الدخول/ })
        const token = linkIn(mail?.text ?? '', '/magic-links')
        assert.isString(token, 'no sign-in link mailed')
        await audit(anon, `/magic-links/${token}`, lang)
        await anon.locator('.auth-card form button[type="submit"]').click()
        await anon.waitForURL('**/dashboard')
        await audit(anon, `/magic-links/${token}`, lang)
        await anon.assertExists('.auth-card-danger input[name="email"]')

        // Sign-up: check your email, then the confirmation link's page
        const signUpContext = await browser.newContext()
        try {
          const visitor = await signUpContext.newPage()
          const email = uniqueEmail('founder')
          await visitor.goto(`${BASE}/signup?lang=${lang}`)
          await visitor.locator('input[name="fullName"]').fill('Ada Founder')
          await visitor.locator('input[name="email"]').fill(email)
          await visitor.locator('input[name="password"]').fill('correct-horse-battery')
          await visitor.locator('input[name="storeName"]').fill('Ada Goods')
          await visitor.locator('input[name="slug"]').fill(unique('ada'))
          await visitor.locator('form button[type="submit"]').click()
          await visitor.waitForSelector('.auth-card')
          await assertAccessible(visitor, `check email (${lang})`)
          const confirmation = await lastMailTo(email, {
            subject: /Confirm your email address|أكّد عنوان بريدك/,
          })
          const confirmToken = linkIn(confirmation?.text ?? '', '/email-verifications')
          assert.isString(confirmToken, 'no confirmation link mailed')
          await audit(visitor, `/email-verifications/${confirmToken}`, lang)
          await visitor.emulateMedia({ colorScheme: 'dark' })
          await audit(visitor, `/email-verifications/${confirmToken}`, lang)
        } finally {
          await signUpContext.close()
        }
      } finally {
        await guestContext.close()
        await anonContext.close()
      }
    }).timeout(90_000)

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
      const fixture = await createStore()
      const { owner } = fixture
      owner.isPlatformAdmin = true
      await owner.save()
      const page = await visit(`${BASE}/signin?lang=en`)
      await signIn(page, owner.email)
      // the catalog's pages while empty, then with a category and a product
      for (const path of ['/dashboard/catalog', '/dashboard/catalog/categories']) {
        await audit(page, path, lang)
      }
      const category = await seedCategory(fixture, 'Shirts')
      await seedCategory(fixture, 'Linen', category.id)
      const { product } = await seedProduct(fixture, { sizes: ['S', 'M'], sku: 'A11Y' })
      const rejectedImport = await startImportRun(fixture.store.id, owner.id, 'products.csv', 'x')
      await saveImportRun(fixture.store.id, {
        ...rejectedImport,
        status: 'rejected',
        problems: [{ line: 3, column: 'price', message: 'Every variant needs a price.' }],
      })
      const ledgerEventId = unique('evt_a11y_')
      const [ledgerEntry] = await db
        .table('webhook_events')
        .insert({
          provider: 'stripe',
          event_id: ledgerEventId,
          type: 'customer.subscription.updated',
          payload: JSON.stringify({ id: ledgerEventId, type: 'customer.subscription.updated' }),
          status: 'failed',
          attempts: 1,
          last_error: 'No plan has the Stripe price price_a11y',
        })
        .returning('id')
      const project = await seedProject(fixture, 'Summer launch')
      for (const [title, status] of [
        ['Shoot', 'todo'],
        ['Write', 'todo'],
        ['Price', 'doing'],
      ] as const) {
        await seedTask(fixture, project.id, title, { status, assigneeUserId: owner.id })
      }
      for (const path of [
        '/dashboard',
        '/dashboard/team',
        '/dashboard/api-tokens',
        '/dashboard/activity',
        '/dashboard/catalog',
        '/dashboard/catalog/products/create',
        `/dashboard/catalog/products/${product.id}/edit`,
        '/dashboard/catalog/categories',
        `/dashboard/catalog/categories/${category.id}/edit`,
        '/dashboard/catalog/product-imports/create',
        `/dashboard/catalog/product-imports/${rejectedImport.id}`,
        '/dashboard/projects',
        `/dashboard/projects/${project.id}`,
        `/dashboard/projects/${project.id}/tasks`,
        '/dashboard/billing',
        '/admin',
        '/admin/webhook-events',
        `/admin/webhook-events?q=${ledgerEventId}&status=failed`,
        `/admin/webhook-events/${ledgerEntry.id}`,
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
