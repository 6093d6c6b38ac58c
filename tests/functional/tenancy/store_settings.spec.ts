import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { SuspendStore, recentActivity, tenantDirectory, withTenant } from '#tenancy/mod'
import type { Role } from '#identity/mod'
import { createStore, unique, type TestStore } from '#tests/helpers'
import { expectRedirect, expectStatus, formAs, jsonAs } from '../identity/support.js'

const URL = '/dashboard/settings'

function validForm(overrides: Record<string, unknown> = {}) {
  return {
    storeName: 'Renamed Goods',
    defaultCurrency: 'KWD',
    defaultLocale: 'ar',
    tagline: 'Dates and coffee, since 1972',
    ...overrides,
  }
}

/** What the settings page writes, read past row-level security */
async function writtenState(fixture: TestStore) {
  const platform = db.connection('platform')
  const tenant = await platform
    .from('tenants')
    .where('id', fixture.store.id)
    .select('name', 'default_currency', 'default_locale', 'updated_at')
    .first()
  const settings = await platform
    .from('store_settings')
    .where('tenant_id', fixture.store.id)
    .select('tagline', 'confirmed_at', 'updated_at')
    .first()
  const [activities] = await platform
    .from('activities')
    .where('tenant_id', fixture.store.id)
    .count('* as total')
  return JSON.parse(JSON.stringify({ tenant, settings, activities: Number(activities.total) }))
}

test.group('Store settings | who may open the page', () => {
  for (const [role, status] of [
    ['owner', 200],
    ['admin', 200],
    ['finance', 403],
    ['member', 403],
  ] as [Role, number][]) {
    test(`a ${role} gets ${status}`, async ({ client, assert }) => {
      const fixture = await createStore()
      const response = await client.get(URL).loginAs(fixture.members[role]).redirects(0)
      response.assertStatus(status)
      if (status === 200) {
        const html = response.text()
        assert.include(html, 'name="storeName"')
        assert.include(html, 'name="defaultCurrency"')
        assert.include(html, 'name="defaultLocale"')
        assert.include(html, 'name="tagline"')
        for (const code of [
          'USD',
          'EUR',
          'GBP',
          'KWD',
          'SAR',
          'AED',
          'BHD',
          'OMR',
          'QAR',
          'JOD',
          'EGP',
        ]) {
          assert.include(html, `value="${code}"`)
        }
        assert.match(html, /href="\/dashboard\/settings"\s+aria-current="page"/)
      }
    })
  }

  test('a finance member or member may not save either (403), and nothing is written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const before = await writtenState(fixture)
    for (const role of ['finance', 'member'] as const) {
      await expectStatus(formAs(client, fixture.members[role], 'put', URL, validForm()), 403)
    }
    assert.deepEqual(await writtenState(fixture), before)
  })
})

test.group('Store settings | saving', () => {
  test('an owner saves: the store, the directory and the storefront change at once', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { store, owner } = fixture
    // Warm every cache the storefront reads from
    assert.equal((await tenantDirectory.findBySlug(store.slug))?.defaultCurrency, 'USD')
    const before = await client.get(`/s/${store.slug}`).header('accept-language', 'en')
    before.assertTextIncludes('lang="en"')

    const saved = await expectRedirect(formAs(client, owner, 'put', URL, validForm()), URL)

    const written = await writtenState(fixture)
    assert.equal(written.tenant.name, 'Renamed Goods')
    assert.equal(written.tenant.default_currency, 'KWD')
    assert.equal(written.tenant.default_locale, 'ar')
    assert.equal(written.settings.tagline, 'Dates and coffee, since 1972')
    assert.isNotNull(written.settings.confirmed_at)

    const bySlug = await tenantDirectory.findBySlug(store.slug)
    const byId = await tenantDirectory.findById(store.id)
    for (const found of [bySlug, byId]) {
      assert.equal(found?.defaultCurrency, 'KWD')
      assert.equal(found?.defaultLocale, 'ar')
      assert.equal(found?.name, 'Renamed Goods')
    }

    const storefront = await client.get(`/s/${store.slug}`).header('accept-language', 'en')
    storefront.assertStatus(200)
    storefront.assertTextIncludes('lang="ar"')
    storefront.assertTextIncludes('dir="rtl"')

    const [entry] = await withTenant(store, () => recentActivity(1))
    assert.equal(entry.action, 'store.settings_updated')
    assert.equal(entry.actorUserId, owner.id)
    assert.sameMembers(entry.data.changed as string[], [
      'storeName',
      'defaultCurrency',
      'defaultLocale',
      'tagline',
    ])
    assert.equal(entry.data.currency, 'KWD')

    saved.assertFlashMessage('notice', 'Store settings saved.')
    const page = await client.get(URL).loginAs(owner)
    page.assertTextIncludes('value="Renamed Goods"')
    assert.match(page.text(), /value="KWD"\s+selected/)
  })

  test('an admin saves too; an emptied tagline is saved empty; lowercase codes are accepted', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await expectRedirect(
      formAs(
        client,
        fixture.members.admin,
        'put',
        URL,
        validForm({ defaultCurrency: 'sar', tagline: '' })
      ),
      URL
    )
    const written = await writtenState(fixture)
    assert.equal(written.tenant.default_currency, 'SAR')
    assert.equal(written.settings.tagline, '')
    const [entry] = await withTenant(fixture.store, () => recentActivity(1))
    assert.equal(entry.actorUserId, fixture.members.admin.id)
  })

  test('a JSON caller gets the saved store and its look back', async ({ client, assert }) => {
    const fixture = await createStore()
    const response = await jsonAs(
      client,
      fixture.owner,
      'put',
      URL,
      validForm({ defaultLocale: 'en', theme: 'souq', accentColor: '#4b3fb0' })
    )
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      store: {
        name: 'Renamed Goods',
        defaultCurrency: 'KWD',
        defaultLocale: 'en',
        tagline: 'Dates and coffee, since 1972',
        theme: 'souq',
        accentColor: '#4b3fb0',
        logoUrl: null,
      },
    })
  })

  test('a suspended store cannot save (423), and nothing is written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await new SuspendStore().handle(fixture.store.slug)
    const before = await writtenState(fixture)
    await expectStatus(formAs(client, fixture.owner, 'put', URL, validForm()), 423)
    assert.deepEqual(await writtenState(fixture), before)
    // Still readable
    await expectStatus(client.get(URL).loginAs(fixture.owner), 200)
  })
})

test.group('Store settings | bad input', () => {
  const BAD: { label: string; form: Record<string, unknown>; field: string; message: RegExp }[] = [
    {
      label: 'an unknown currency',
      form: validForm({ defaultCurrency: 'XYZ' }),
      field: 'defaultCurrency',
      message: /Choose one of the listed options for Default currency/,
    },
    {
      label: 'an unsupported language',
      form: validForm({ defaultLocale: 'fr' }),
      field: 'defaultLocale',
      message: /Choose one of the listed options for Default language/,
    },
    {
      label: 'an empty store name',
      form: validForm({ storeName: '' }),
      field: 'storeName',
      message: /Store name is required/,
    },
    {
      label: 'a store name of spaces',
      form: validForm({ storeName: '   ' }),
      field: 'storeName',
      message: /Store name/,
    },
    {
      label: 'an oversized store name',
      form: validForm({ storeName: 'x'.repeat(121) }),
      field: 'storeName',
      message: /Store name can have at most 120 characters/,
    },
    {
      label: 'an oversized tagline',
      form: validForm({ tagline: 't'.repeat(201) }),
      field: 'tagline',
      message: /Storefront tagline can have at most 200 characters/,
    },
    {
      label: 'no fields at all',
      form: {},
      field: 'storeName',
      message: /Store name is required/,
    },
  ]

  for (const bad of BAD) {
    test(`${bad.label}: 422, the message beside the field, nothing written`, async ({
      client,
      assert,
    }) => {
      const fixture = await createStore()
      const before = await writtenState(fixture)
      const response = await formAs(client, fixture.owner, 'put', URL, bad.form)
      response.assertStatus(422)
      const html = response.text()
      assert.match(html, bad.message)
      assert.include(html, `id="${bad.field}-error"`)
      assert.match(html, new RegExp(`id="${bad.field}"[^>]*aria-invalid="true"`, 's'))
      assert.deepEqual(await writtenState(fixture), before)
    })
  }

  test('wrong types as JSON: 422 with {errors:[…]} naming the fields, nothing written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const before = await writtenState(fixture)
    const response = await jsonAs(client, fixture.owner, 'put', URL, {
      storeName: { nested: ['x'] },
      defaultCurrency: 42,
      defaultLocale: ['en'],
      tagline: { a: 1 },
    })
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.includeMembers(fields, ['storeName', 'defaultCurrency', 'defaultLocale', 'tagline'])
    for (const error of response.body().errors) assert.isAbove(error.message.length, 0)
    assert.deepEqual(await writtenState(fixture), before)
  })

  test('the form is re-rendered in Arabic with Arabic messages', async ({ client, assert }) => {
    const fixture = await createStore()
    const response = await client
      .put(`${URL}?lang=ar`)
      .form(validForm({ defaultLocale: 'fr' }))
      .loginAs(fixture.owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    assert.include(response.text(), 'lang="ar"')
    assert.include(response.text(), 'اللغة الافتراضية')
  })
})

test.group('Store settings | isolation', () => {
  test("another store's owner sees and changes only their own store", async ({
    client,
    assert,
  }) => {
    const a = await createStore()
    const b = await createStore()
    const aName = unique('Alpha ')
    await expectRedirect(formAs(client, a.owner, 'put', URL, validForm({ storeName: aName })), URL)
    const beforeA = await writtenState(a)

    const page = await client.get(URL).loginAs(b.owner)
    page.assertStatus(200)
    assert.notInclude(page.text(), aName)
    assert.notInclude(page.text(), a.store.slug)

    await expectRedirect(
      formAs(
        client,
        b.owner,
        'put',
        URL,
        validForm({ storeName: 'Bravo', defaultCurrency: 'EUR' })
      ),
      URL
    )
    assert.deepEqual(await writtenState(a), beforeA)
    const written = await writtenState(b)
    assert.equal(written.tenant.name, 'Bravo')
    assert.equal(written.tenant.default_currency, 'EUR')
  })
})
