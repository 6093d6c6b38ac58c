import { test } from '@japa/runner'
import { createStore } from '#tests/helpers'

test.group('Storefront language', () => {
  test('a store speaks its own language when the shopper chose none', async ({ client }) => {
    const { store } = await createStore({ blueprint: 'souq' })
    const response = await client.get(`/s/${store.slug}`).header('accept-language', 'en')
    response.assertStatus(200)
    response.assertTextIncludes('<html lang="ar" dir="rtl">')
    response.assertTextIncludes('dir="rtl"')
  })

  test("the shopper's choice wins over the store's language, and is remembered", async ({
    client,
  }) => {
    const { store } = await createStore({ blueprint: 'souq' })
    const chosen = await client.get(`/s/${store.slug}?lang=en`)
    chosen.assertTextIncludes('<html lang="en" dir="ltr">')
    chosen.assertTextIncludes('dir="ltr"')

    const remembered = await client.get(`/s/${store.slug}`).plainCookie('locale', 'en')
    remembered.assertTextIncludes('<html lang="en" dir="ltr">')
  })
})
