import { test } from '@japa/runner'
import { SuspendStore } from '#tenancy/mod'
import { createStore, unique } from '#tests/helpers'

/*
| The storefront's chrome: a header with the store's name and its initial (no
| logo yet), the store's navigation (Home) and the language links, the page
| under <main>, a footer; each blueprint's theme class on <body>. No script
| and no cookie on any of them.
*/

function noScriptNoCookie(response: any, assert: any) {
  assert.notInclude(response.text(), '<script')
  assert.isUndefined(response.header('set-cookie'))
}

test.group('Storefront chrome', () => {
  for (const blueprint of ['classic', 'boutique', 'souq'] as const) {
    test(`the ${blueprint} home page has its header, navigation, main and footer`, async ({
      client,
      assert,
    }) => {
      const { store } = await createStore({ blueprint })
      const response = await client.get(`/s/${store.slug}`).plainCookie('locale', 'en')
      response.assertStatus(200)
      const html = response.text()

      assert.include(html, '<html lang="en" dir="ltr">')
      assert.match(html, new RegExp(`<body class="storefront theme-${blueprint}[ "]`))
      assert.include(html, '<header class="store-header">')
      assert.include(html, '<main class="store-main" id="main"')
      assert.include(html, '<footer class="store-footer">')
      assert.include(html, `<title>${store.name}</title>`)
      assert.include(html, `content="Shop at ${store.name}"`)
      // the store's name in the header, with its initial on a tile (no logo yet)
      assert.match(html, /<span class="store-monogram" aria-hidden="true">\s*T\s*<\/span>/)
      assert.match(html, new RegExp(`<span class="store-name">\\s*${store.name}\\s*</span>`))
      // the store's navigation: Home, the current page
      assert.match(html, /<nav class="store-nav" aria-label="Store menu">/)
      assert.match(
        html,
        new RegExp(`<a\\s+href="/s/${store.slug}"\\s+aria-current="page"\\s*>\\s*Home\\s*</a>`)
      )
      // the language links, in the header and the footer
      assert.match(html, /<nav class="store-lang" aria-label="Language">/)
      assert.lengthOf(html.match(/href="\?lang=ar"/g) ?? [], 2)
      // the footer: © year and the store, and Bazaar
      assert.include(html, `© ${new Date().getFullYear()} ${store.name}`)
      assert.include(html, 'Powered by Bazaar')
      assert.include(html, 'Our catalog is coming')
      noScriptNoCookie(response, assert)
    })
  }

  test('in Arabic the chrome is translated', async ({ client, assert }) => {
    const { store } = await createStore({ blueprint: 'souq' })
    const response = await client.get(`/s/${store.slug}?lang=ar`)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'dir="rtl"')
    assert.include(html, 'قائمة المتجر')
    assert.include(html, 'الرئيسية')
    assert.include(html, 'بدعم من بازار')
  })

  test('a closed store keeps its look and name, with no store navigation', async ({
    client,
    assert,
  }) => {
    const { store } = await createStore({ blueprint: 'boutique' })
    await new SuspendStore().handle(store.slug)
    const response = await client.get(`/s/${store.slug}`).plainCookie('locale', 'en')
    response.assertStatus(503)
    const html = response.text()
    assert.include(html, 'theme-boutique')
    assert.include(html, '<header class="store-header">')
    assert.include(html, '<footer class="store-footer">')
    assert.match(html, new RegExp(`<span class="store-name">\\s*${store.name}\\s*</span>`))
    assert.notInclude(html, 'class="store-nav"')
    assert.include(html, 'Store unavailable')
    noScriptNoCookie(response, assert)
  })

  test('an unknown store answers 404 in the default look, named Bazaar', async ({
    client,
    assert,
  }) => {
    const response = await client.get(`/s/${unique('missing')}`).plainCookie('locale', 'en')
    response.assertStatus(404)
    const html = response.text()
    assert.include(html, 'theme-classic')
    assert.match(html, /<span class="store-name">\s*Bazaar\s*<\/span>/)
    assert.notInclude(html, 'class="store-nav"')
    assert.include(html, 'Store not found')
    noScriptNoCookie(response, assert)
  })
})

test.group('Storefront | kept pages', () => {
  test('a kept home page is kept per language and per address, never mixed', async ({
    client,
    assert,
  }) => {
    const { store } = await createStore()
    for (let round = 0; round < 2; round++) {
      const english = await client.get(`/s/${store.slug}?lang=en`)
      assert.include(english.text(), '<html lang="en" dir="ltr">')
      assert.include(english.text(), `href="/s/${store.slug}"`)

      const arabic = await client.get(`/s/${store.slug}?lang=ar`)
      assert.include(arabic.text(), '<html lang="ar" dir="rtl">')

      const bySubdomain = await client.get('/?lang=en').header('host', `${store.slug}.localhost`)
      bySubdomain.assertStatus(200)
      assert.notInclude(bySubdomain.text(), `href="/s/${store.slug}"`)
    }
  })
})
