import { test } from '@japa/runner'
import { provisionStore } from '#identity/mod'
import { storeUrl } from '#core/mod'
import SetPlan from '#billing/operations/set_plan'
import { createStore, createUser, unique, uniqueEmail } from '#tests/helpers'
import { expectRedirect, expectStatus, formAs, resetThrottle } from './support.js'

/** A store with its owner alone, as sign-up leaves it */
async function freshStore() {
  const owner = await createUser(uniqueEmail('owner'), 'Ana Owner')
  const { tenant } = await provisionStore({
    name: 'Fresh Goods',
    slug: unique('fresh'),
    owner: { email: owner.email },
    existingOwner: 'attach',
  })
  return { store: tenant, owner }
}

function overview(client: any, user: any, lang = 'en') {
  return expectStatus(client.get(`/dashboard?lang=${lang}`).loginAs(user).redirects(0), 200)
}

/** The checklist item of `id`, as rendered */
function stepHtml(html: string, id: string) {
  const match = new RegExp(
    `<li\\s+class="checklist-step[^"]*"\\s+id="step-${id}"\\s*>([\\s\\S]*?)</li>`
  ).exec(html)
  if (!match) throw new Error(`no checklist step ${id} in the overview`)
  return match[0]
}

const isDone = (html: string, id: string) => stepHtml(html, id).includes('checklist-done')

const SETTINGS = {
  storeName: 'Fresh Goods',
  defaultCurrency: 'AED',
  defaultLocale: 'en',
  tagline: '',
}

test.group('Overview | set-up checklist', (group) => {
  group.each.setup(() => resetThrottle('invitation'))

  test('a new store has 0 of 4 steps done, in the order a merchant needs them', async ({
    client,
    assert,
  }) => {
    const { owner } = await freshStore()
    const html = (await overview(client, owner)).text()
    assert.include(html, '0 of 4 done')
    assert.match(
      html,
      /<progress[^>]*max="4"[^>]*value="0"[^>]*aria-labelledby="setup-progress-label"/s
    )
    const order = ['add-product', 'store-settings', 'invite-team', 'connect-payments'].map((id) =>
      html.indexOf(`id="step-${id}"`)
    )
    assert.isTrue(order.every((index) => index > 0))
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order
    )
    for (const id of ['add-product', 'store-settings', 'invite-team', 'connect-payments']) {
      assert.isFalse(isDone(html, id), `${id} is not done yet`)
    }
  })

  test('"Set currency and language" ticks once the settings page is saved', async ({
    client,
    assert,
  }) => {
    const { owner } = await freshStore()
    assert.isFalse(isDone((await overview(client, owner)).text(), 'store-settings'))
    await expectRedirect(
      formAs(client, owner, 'put', '/dashboard/settings', SETTINGS),
      '/dashboard/settings'
    )
    const html = (await overview(client, owner)).text()
    assert.isTrue(isDone(html, 'store-settings'))
    assert.include(html, '1 of 4 done')
    assert.include(stepHtml(html, 'store-settings'), 'Done')
    // the new currency shows in its tile at once
    assert.match(html, /<p class="stat-value">AED<\/p>/)
  })

  test('a refused save does not tick it', async ({ client, assert }) => {
    const { owner } = await freshStore()
    await expectStatus(
      formAs(client, owner, 'put', '/dashboard/settings', { ...SETTINGS, defaultCurrency: 'XYZ' }),
      422
    )
    assert.isFalse(isDone((await overview(client, owner)).text(), 'store-settings'))
  })

  test('"Invite the team" ticks after an invitation', async ({ client, assert }) => {
    const { owner } = await freshStore()
    assert.isFalse(isDone((await overview(client, owner)).text(), 'invite-team'))
    await expectRedirect(
      formAs(client, owner, 'post', '/dashboard/invitations', {
        email: uniqueEmail('teammate'),
        role: 'admin',
      }),
      '/dashboard/team'
    )
    const html = (await overview(client, owner)).text()
    assert.isTrue(isDone(html, 'invite-team'))
    assert.include(html, '1 of 4 done')
  })

  test('"Invite the team" is done for a store that already has other members', async ({
    client,
    assert,
  }) => {
    const { owner } = await createStore()
    assert.isTrue(isDone((await overview(client, owner)).text(), 'invite-team'))
  })

  test('the billing step is never ticked and says it arrives with billing', async ({
    client,
    assert,
  }) => {
    const { owner, members } = await createStore()
    const html = (await overview(client, owner)).text()
    const product = stepHtml(html, 'add-product')
    const payments = stepHtml(html, 'connect-payments')
    assert.include(product, 'href="/dashboard/catalog"')
    assert.include(payments, 'href="/dashboard/billing"')
    assert.include(payments, 'Arrives with billing')
    assert.isFalse(isDone(html, 'add-product'))
    assert.isFalse(isDone(html, 'connect-payments'))

    // links only where the member may go
    const member = (await overview(client, members.member)).text()
    assert.notInclude(stepHtml(member, 'store-settings'), '<a href=')
    assert.notInclude(stepHtml(member, 'connect-payments'), '<a href=')
    assert.include(stepHtml(member, 'add-product'), 'href="/dashboard/catalog"')
    const finance = (await overview(client, members.finance)).text()
    assert.include(stepHtml(finance, 'connect-payments'), 'href="/dashboard/billing"')
  })

  test('the checklist speaks Arabic', async ({ client, assert }) => {
    const { owner } = await freshStore()
    const html = (await overview(client, owner, 'ar')).text()
    assert.include(html, 'جهّز متجرك')
    assert.include(html, '0 من 4 مكتملة')
    assert.include(html, 'اضبط العملة واللغة')
  })
})

test.group('Overview | latest activity', (group) => {
  group.each.setup(() => resetThrottle('invitation'))

  test('shows the 5 latest entries of this store as sentences, with a link to the log', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await freshStore()
    // Six invitations are more than the free plan's members cap holds
    await new SetPlan().handle(store, 'pro')
    const emails = Array.from({ length: 6 }, () => uniqueEmail('invitee'))
    for (const email of emails) {
      await expectStatus(
        formAs(client, owner, 'post', '/dashboard/invitations', { email, role: 'admin' }),
        302
      )
    }
    const html = (await overview(client, owner)).text()
    const list = /<ol class="activity latest-activity">([\s\S]*?)<\/ol>/.exec(html)![1]
    assert.lengthOf(list.match(/<li>/g) ?? [], 5)
    assert.include(list, `Ana Owner invited ${emails[5]} as Admin`)
    assert.notInclude(list, emails[0], 'only the 5 most recent')
    assert.notInclude(list, 'opened the store', 'older than the 5 most recent')
    assert.match(
      list,
      /<time class="muted" datetime="[^"]+" title="[^"]+">[^<]*(now|second|minute)/
    )
    assert.include(html, 'href="/dashboard/activity">See all activity</a>')
  })

  test('a settings save reads as a sentence, in English and Arabic', async ({ client, assert }) => {
    const { owner } = await freshStore()
    await expectRedirect(
      formAs(client, owner, 'put', '/dashboard/settings', SETTINGS),
      '/dashboard/settings'
    )
    assert.include((await overview(client, owner)).text(), 'Ana Owner updated the store settings')
    assert.include((await overview(client, owner, 'ar')).text(), 'حدّث Ana Owner إعدادات المتجر')
  })

  test("another store's entries never show", async ({ client, assert }) => {
    const a = await freshStore()
    const b = await freshStore()
    const email = uniqueEmail('secret')
    await expectStatus(
      formAs(client, a.owner, 'post', '/dashboard/invitations', { email, role: 'member' }),
      302
    )
    const html = (await overview(client, b.owner)).text()
    assert.include(html, 'Ana Owner opened the store')
    assert.notInclude(html, email)
    assert.notInclude(html, a.store.slug)
  })

  test('members without activity:read see no activity and no link to it', async ({
    client,
    assert,
  }) => {
    const { members } = await createStore()
    for (const role of ['finance', 'member'] as const) {
      const html = (await overview(client, members[role])).text()
      assert.notInclude(html, 'Latest activity')
      assert.notInclude(html, 'href="/dashboard/activity"')
    }
    const admin = (await overview(client, members.admin)).text()
    assert.include(admin, 'Latest activity')
  })

  test('a new store with nothing but its opening says so in a sentence', async ({
    client,
    assert,
  }) => {
    const { owner } = await freshStore()
    const html = (await overview(client, owner)).text()
    assert.include(html, 'Ana Owner opened the store')
  })
})

test.group('Overview | store address and the rest', () => {
  test('the address is a link, with a copy button for scripts and a live region', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await freshStore()
    const html = (await overview(client, owner)).text()
    const address = storeUrl(store)
    assert.include(html, `<a href="${address}" dir="ltr" id="store-address">${address}</a>`)
    assert.match(
      html,
      new RegExp(`<button[^>]*data-copy="${address.replace(/[.?/]/g, '\\$&')}"`, 's')
    )
    assert.match(
      html,
      /<button[^>]*class="button button-secondary button-small copy-button"[^>]*hidden/s
    )
    assert.match(html, /id="store-address-status" role="status" aria-live="polite"/)
    assert.match(html, /<script src="\/js\/copy_button(\.[0-9a-f]{10})?\.js" defer><\/script>/)
  })

  test('the stat tiles and the delete dialog stay', async ({ client, assert }) => {
    const { owner, members } = await createStore()
    const html = (await overview(client, owner)).text()
    assert.include(html, 'class="stat-grid"')
    assert.include(html, '4 members')
    assert.include(html, 'data-confirm-dialog')
    const admin = (await overview(client, members.admin)).text()
    assert.notInclude(admin, 'data-confirm-dialog')
  })
})

test.group('Activity page', () => {
  test('the activity page tells what happened in sentences, for this store only', async ({
    client,
    assert,
  }) => {
    const { owner, store } = await createStore()
    const other = await createStore()
    const invited = uniqueEmail('invited')
    const elsewhere = uniqueEmail('elsewhere')
    await client
      .post('/dashboard/invitations')
      .form({ email: invited, role: 'admin' })
      .withCsrfToken()
      .withSession({ currentTenantId: store.id })
      .loginAs(owner)
    await client
      .post('/dashboard/invitations')
      .form({ email: elsewhere, role: 'member' })
      .withCsrfToken()
      .loginAs(other.owner)

    const page = await client.get('/dashboard/activity').loginAs(owner)
    page.assertStatus(200)
    assert.include(page.text(), invited)
    assert.notInclude(page.text(), elsewhere)
    assert.notInclude(page.text(), 'member.invited')
    assert.notInclude(page.text(), '{&quot;')
  })
})
