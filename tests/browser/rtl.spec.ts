/// <reference lib="dom" />
import { test } from '@japa/runner'
import { TEST_SERVER, createStore } from '#tests/helpers'

test.group('Storefront in Arabic', () => {
  test('?lang=ar renders the storefront right-to-left', async ({ visit, assert }) => {
    const { store } = await createStore()
    const page = await visit(`${TEST_SERVER}/s/${store.slug}?lang=ar`)

    await page.assertExists('html[dir="rtl"][lang="ar"]')
    await page.assertTextContains('body', 'بدعم من بازار')
    assert.isTrue(await page.getByText('بدعم من بازار').isVisible())
    const direction = await page.evaluate(() => getComputedStyle(document.body).direction)
    assert.equal(direction, 'rtl')
  })
})
