import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import sharp from 'sharp'
import { ACCENT_PALETTE, recentActivity, withTenant } from '#tenancy/mod'
import { createStore, type TestStore } from '#tests/helpers'
import { expectStatus, formAs } from '../identity/support.js'

const SETTINGS = '/dashboard/settings'
const LOGO = '/dashboard/settings/logo'
const PREVIEW = '/dashboard/storefront/preview'

function settingsForm(overrides: Record<string, unknown> = {}) {
  return {
    storeName: 'Test Store',
    defaultCurrency: 'USD',
    defaultLocale: 'en',
    tagline: '',
    theme: 'classic',
    accentColor: '#1f5f8b',
    ...overrides,
  }
}

/** What the settings page and the logo write, read past row-level security */
async function savedLook(fixture: TestStore) {
  return db
    .connection('platform')
    .from('store_settings')
    .where('tenant_id', fixture.store.id)
    .select('theme', 'accent_color', 'tagline', 'logo_hash', 'updated_at')
    .first()
}

async function logoFilesOf(fixture: TestStore) {
  const { objects } = await drive
    .use()
    .listAll(`logos/${fixture.store.id}`, { recursive: true })
    .catch(() => ({ objects: [] }))
  const files: string[] = []
  for (const object of objects) if (object.isFile) files.push(object.name)
  return files.sort()
}

function png(width: number, height: number) {
  return sharp({
    create: { width, height, channels: 4, background: { r: 200, g: 40, b: 60, alpha: 1 } },
  })
    .png()
    .toBuffer()
}

function uploadLogo(client: any, fixture: TestStore, bytes: Buffer, filename = 'logo.png') {
  return client
    .post(LOGO)
    .file('logo', bytes, { filename, contentType: 'image/png' })
    .loginAs(fixture.owner)
    .withCsrfToken()
    .redirects(0)
}

function shopHome(client: any, fixture: TestStore) {
  return client.get(`/s/${fixture.store.slug}`).header('accept-language', 'en')
}

test.group('Store look | theme and accent', () => {
  test('the page offers the three themes, the palette and the preview frame', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const page = await client.get(SETTINGS).loginAs(fixture.owner)
    page.assertStatus(200)
    const html = page.text()
    for (const theme of ['classic', 'boutique', 'souq']) {
      assert.match(html, new RegExp(`name="theme"\\s+value="${theme}"`))
    }
    for (const accent of ACCENT_PALETTE) {
      assert.include(html, `value="${accent.color}"`)
      assert.include(html, `accent-swatch accent-${accent.name}`)
    }
    assert.match(html, /value="#1f5f8b"\s+checked/)
    assert.match(html, /<iframe[^>]+title="Preview of the store(&#x27;|&#39;)s home page"/)
    assert.include(html, `formaction="${PREVIEW}"`)
    assert.include(html, 'formtarget="store-preview"')
  })

  test('an owner saves a theme and an accent: written, logged, and the shop wears them at once', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    // Kept in the page cache before the change
    for (let i = 0; i < 2; i++) {
      const before = await shopHome(client, fixture)
      before.assertStatus(200)
      assert.include(before.text(), 'storefront theme-classic accent-blue')
    }

    const saved = await formAs(
      client,
      fixture.owner,
      'put',
      SETTINGS,
      settingsForm({ theme: 'souq', accentColor: '#A8243A' })
    )
    saved.assertStatus(302)
    const look = await savedLook(fixture)
    assert.equal(look.theme, 'souq')
    assert.equal(look.accent_color, '#a8243a')

    const [entry] = await withTenant(fixture.store, () => recentActivity(1))
    assert.equal(entry.action, 'store.settings_updated')
    assert.sameMembers(entry.data.changed as string[], ['theme', 'accentColor'])
    assert.equal(entry.data.theme, 'souq')
    assert.equal(entry.data.accent, '#a8243a')

    const after = await shopHome(client, fixture)
    after.assertStatus(200)
    assert.include(after.text(), 'storefront theme-souq accent-crimson')
    assert.include(after.text(), '<meta name="theme-color" content="#a8243a"')

    const page = await client.get(SETTINGS).loginAs(fixture.owner)
    assert.match(page.text(), /value="souq"\s+checked/)
    assert.match(page.text(), /value="#a8243a"\s+checked/)
  })

  test('an accent outside the palette is refused with 422 beside the palette, nothing written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const before = await savedLook(fixture)
    const response = await formAs(
      client,
      fixture.owner,
      'put',
      SETTINGS,
      settingsForm({ accentColor: '#ff0000' })
    )
    response.assertStatus(422)
    assert.include(response.text(), 'id="accentColor-error"')
    assert.match(response.text(), /Choose one of the palette(&#x27;|&#39;)s colours for the accent/)
    assert.deepEqual(await savedLook(fixture), before)

    const json = await client
      .put(SETTINGS)
      .header('accept', 'application/json')
      .json(settingsForm({ accentColor: 'red' }))
      .loginAs(fixture.owner)
      .withCsrfToken()
    json.assertStatus(422)
    assert.equal(json.body().errors[0].field, 'accentColor')
  })

  test('an unknown theme is refused with 422 and a message, nothing written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const before = await savedLook(fixture)
    const response = await formAs(
      client,
      fixture.owner,
      'put',
      SETTINGS,
      settingsForm({ theme: 'neon' })
    )
    response.assertStatus(422)
    assert.include(response.text(), 'Choose the classic, boutique or souq theme')
    assert.deepEqual(await savedLook(fixture), before)
  })

  test('a save without theme or accent (an older form, the API) keeps the saved look', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore({ blueprint: 'boutique' })
    const words = { storeName: 'Test Store', defaultCurrency: 'EUR', defaultLocale: 'en' }
    await expectStatus(
      formAs(client, fixture.owner, 'put', SETTINGS, { ...words, tagline: 'Hello' }),
      302
    )
    const look = await savedLook(fixture)
    assert.equal(look.theme, 'boutique')
    assert.equal(look.accent_color, '#8a2f5b')
    assert.equal(look.tagline, 'Hello')
  })
})

test.group('Store look | logo', () => {
  test('an uploaded PNG becomes 96 and 192 px WebP files, served immutable, shown by the shop at once', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const before = await shopHome(client, fixture)
    assert.include(before.text(), 'store-monogram')

    const response = await uploadLogo(client, fixture, await png(300, 150))
    response.assertStatus(303)
    response.assertHeader('location', SETTINGS)
    const { logo_hash: hash } = await savedLook(fixture)
    assert.match(hash, /^[0-9a-f]{32}$/)
    assert.deepEqual(await logoFilesOf(fixture), [`${hash}-192.webp`, `${hash}-96.webp`])

    const [entry] = await withTenant(fixture.store, () => recentActivity(1))
    assert.deepEqual(entry.data.changed, ['logo'])
    assert.isTrue(entry.data.logo)

    const file = await client.get(`/store-logos/${fixture.store.id}/${hash}-96.webp`)
    file.assertStatus(200)
    file.assertHeader('content-type', 'image/webp')
    file.assertHeader('cache-control', 'public, max-age=31536000, immutable')
    const meta = await sharp(
      await drive.use().getBytes(`logos/${fixture.store.id}/${hash}-96.webp`)
    ).metadata()
    assert.equal(meta.format, 'webp')
    assert.equal(meta.width, 96)
    assert.equal(meta.height, 96)

    const shop = await shopHome(client, fixture)
    assert.include(shop.text(), `/store-logos/${fixture.store.id}/${hash}-96.webp`)
    assert.include(shop.text(), `${hash}-192.webp 4x`)
    assert.notInclude(shop.text(), 'store-monogram')

    const page = await client.get(SETTINGS).loginAs(fixture.owner)
    assert.include(page.text(), `${hash}-96.webp`)
    assert.include(page.text(), 'Remove logo')
  })

  test('a text file named .png is refused with 422 beside the field; nothing is written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const response = await uploadLogo(client, fixture, Buffer.from('not an image at all'))
    response.assertStatus(422)
    assert.include(response.text(), 'id="logo-error"')
    assert.include(response.text(), 'This file is not a PNG, JPEG or WebP image')
    assert.isNull((await savedLook(fixture)).logo_hash)
    assert.deepEqual(await logoFilesOf(fixture), [])
  })

  test('an image of another type (GIF) is refused too', async ({ client, assert }) => {
    const fixture = await createStore()
    const gif = await sharp({
      create: { width: 10, height: 10, channels: 3, background: '#000' },
    })
      .gif()
      .toBuffer()
    const response = await uploadLogo(client, fixture, gif, 'logo.png')
    response.assertStatus(422)
    assert.isNull((await savedLook(fixture)).logo_hash)
  })

  test('a file over 2 MB is refused with 413 and a message; nothing is written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const big = Buffer.concat([await png(10, 10), Buffer.alloc(2 * 2 ** 20 + 10, 1)])
    const response = await uploadLogo(client, fixture, big)
    response.assertStatus(413)
    assert.include(response.text(), 'This image is larger than 2 MB')
    assert.isNull((await savedLook(fixture)).logo_hash)
    assert.deepEqual(await logoFilesOf(fixture), [])

    const json = await client
      .post(LOGO)
      .header('accept', 'application/json')
      .file('logo', big, { filename: 'logo.png', contentType: 'image/png' })
      .loginAs(fixture.owner)
      .withCsrfToken()
    json.assertStatus(413)
    assert.include(json.body().errors[0].message, '2 MB')
  })

  test('a form with no file is refused with 422', async ({ client, assert }) => {
    const fixture = await createStore()
    const response = await formAs(client, fixture.owner, 'post', LOGO, {})
    response.assertStatus(422)
    assert.include(response.text(), 'Choose an image file to upload.')
  })

  test('removing the logo puts the initial back and deletes the files', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await expectStatus(uploadLogo(client, fixture, await png(64, 64)), 303)
    const { logo_hash: hash } = await savedLook(fixture)
    assert.include((await shopHome(client, fixture)).text(), `${hash}-96.webp`)

    const removed = await formAs(client, fixture.owner, 'delete', LOGO)
    removed.assertStatus(303)
    assert.isNull((await savedLook(fixture)).logo_hash)
    assert.deepEqual(await logoFilesOf(fixture), [])
    const shop = await shopHome(client, fixture)
    assert.include(shop.text(), 'store-monogram')
    assert.notInclude(shop.text(), 'store-logos')
    await expectStatus(client.get(`/store-logos/${fixture.store.id}/${hash}-96.webp`), 404)

    // Removed already (a stale page): said so, nothing written
    const before = await savedLook(fixture)
    const again = await formAs(client, fixture.owner, 'delete', LOGO)
    again.assertStatus(404)
    assert.include(again.text(), 'The store has no logo to remove.')
    assert.deepEqual(await savedLook(fixture), before)
  })

  test('an upload from a signed-out caller, or one without CSRF, is refused before anything is written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const logo = await png(64, 64)
    const signedOut = await client
      .post(LOGO)
      .file('logo', logo, { filename: 'logo.png', contentType: 'image/png' })
      .withCsrfToken()
      .redirects(0)
    const withoutCsrf = await client
      .post(LOGO)
      .file('logo', logo, { filename: 'logo.png', contentType: 'image/png' })
      .loginAs(fixture.owner)
      .redirects(0)
    for (const response of [signedOut, withoutCsrf]) {
      assert.oneOf(response.status(), [302, 303, 401, 403])
    }
    assert.isNull((await savedLook(fixture)).logo_hash)
    assert.deepEqual(await logoFilesOf(fixture), [])
  })

  test("a store's logo is not found under another store's id, nor under a made-up name", async ({
    client,
  }) => {
    const owner = await createStore()
    const other = await createStore()
    await expectStatus(uploadLogo(client, owner, await png(64, 64)), 303)
    const { logo_hash: hash } = await savedLook(owner)
    await expectStatus(client.get(`/store-logos/${owner.store.id}/${hash}-96.webp`), 200)
    await expectStatus(client.get(`/store-logos/${other.store.id}/${hash}-96.webp`), 404)
    await expectStatus(client.get(`/store-logos/${owner.store.id}/${hash}-48.webp`), 404)
    await expectStatus(client.get(`/store-logos/${owner.store.id}/..%2Fx-96.webp`), 404)
  })
})

test.group('Store look | the preview', () => {
  test('renders the home page with the overrides, never kept, framable by the same origin only', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const before = await savedLook(fixture)
    const response = await client
      .get(PREVIEW)
      .qs({
        theme: 'boutique',
        accentColor: '#4B3FB0',
        tagline: 'Only a preview',
        storeName: 'Preview Goods',
        defaultLocale: 'ar',
      })
      .loginAs(fixture.owner)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'storefront theme-boutique accent-indigo')
    assert.include(html, 'Only a preview')
    assert.include(html, 'Preview Goods')
    assert.include(html, 'lang="ar"')
    assert.include(html, 'dir="rtl"')
    assert.include(html, '<base target="_blank"')
    response.assertHeader('cache-control', 'no-store')
    response.assertHeader('x-frame-options', 'SAMEORIGIN')
    assert.include(response.header('content-security-policy'), "frame-ancestors 'self'")
    assert.notInclude(response.header('content-security-policy'), "frame-ancestors 'none'")

    // Nothing written, and the shop itself is unchanged
    assert.deepEqual(await savedLook(fixture), before)
    const shop = await shopHome(client, fixture)
    assert.include(shop.text(), 'storefront theme-classic accent-blue')
    assert.notInclude(shop.text(), 'Only a preview')
    assert.notInclude(shop.text(), 'Preview Goods')
  })

  test('without overrides it shows what is saved; bad values fall back to the saved ones', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore({ blueprint: 'souq' })
    const plain = await client.get(PREVIEW).loginAs(fixture.owner)
    plain.assertStatus(200)
    assert.include(plain.text(), 'storefront theme-souq accent-green')

    const odd = await client
      .get(PREVIEW)
      .qs({ theme: 'neon', accentColor: '#ff0000', storeName: 'x', defaultLocale: 'fr' })
      .loginAs(fixture.owner)
    odd.assertStatus(200)
    assert.include(odd.text(), 'storefront theme-souq accent-green')
    assert.include(odd.text(), 'Test Store')
    assert.include(odd.text(), 'lang="ar"')

    const mixed = await client
      .get(PREVIEW)
      .qs({ theme: 'classic', accentColor: 'nope' })
      .loginAs(fixture.owner)
    assert.include(mixed.text(), 'storefront theme-classic accent-green')
  })

  test("shows the member's own store only, whatever the other store", async ({
    client,
    assert,
  }) => {
    const mine = await createStore()
    const theirs = await createStore({ blueprint: 'boutique' })
    await expectStatus(
      formAs(client, theirs.owner, 'put', SETTINGS, settingsForm({ storeName: 'Their Secret' })),
      302
    )
    const response = await client.get(PREVIEW).loginAs(mine.owner)
    response.assertStatus(200)
    assert.notInclude(response.text(), 'Their Secret')
    assert.include(response.text(), `/s/${mine.store.slug}`)
    assert.notInclude(response.text(), `/s/${theirs.store.slug}`)
  })

  test('a signed-out visitor is sent to sign in', async ({ client }) => {
    const response = await client.get(PREVIEW).redirects(0)
    response.assertStatus(302)
  })
})

test.group('Store look | who may change it', () => {
  test('a finance member or member may not preview, upload or remove a logo (403), nothing written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await expectStatus(uploadLogo(client, fixture, await png(64, 64)), 303)
    const before = await savedLook(fixture)
    for (const role of ['finance', 'member'] as const) {
      const actor = fixture.members[role]
      await expectStatus(client.get(PREVIEW).loginAs(actor).redirects(0), 403)
      await expectStatus(
        client
          .post(LOGO)
          .file('logo', await png(32, 32), { filename: 'logo.png', contentType: 'image/png' })
          .loginAs(actor)
          .withCsrfToken()
          .redirects(0),
        403
      )
      await expectStatus(formAs(client, actor, 'delete', LOGO), 403)
      await expectStatus(
        formAs(client, actor, 'put', SETTINGS, settingsForm({ theme: 'souq' })),
        403
      )
    }
    assert.deepEqual(await savedLook(fixture), before)
    assert.lengthOf(await logoFilesOf(fixture), 2)
  })

  test('an admin may', async ({ client }) => {
    const fixture = await createStore()
    await expectStatus(client.get(PREVIEW).loginAs(fixture.members.admin), 200)
  })
})
