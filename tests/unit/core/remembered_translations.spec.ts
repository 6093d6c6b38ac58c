import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { formatters } from '@adonisjs/i18n'
import { MAX_REMEMBERED, RememberedFormatter } from '#core/services/remembered_translations'

/** The framework's ICU formatter, counting how often it really runs */
async function countingIcu() {
  const createIcu = await formatters.icu().resolver(app)
  const icu = createIcu({ defaultLocale: 'en', formatter: createIcu, loaders: [] })
  const formatter = {
    name: icu.name,
    calls: 0,
    format(message: string, locale: string, data?: Record<string, any>) {
      formatter.calls++
      return icu.format(message, locale, data)
    },
  }
  return formatter
}

test.group('Remembered translations', () => {
  test('the same message, locale and values are formatted once', async ({ assert }) => {
    const icu = await countingIcu()
    const remembered = new RememberedFormatter(icu)
    const message = '{count, plural, one {# item} other {# items}}'
    assert.equal(remembered.format(message, 'en', { count: 2 }), '2 items')
    assert.equal(remembered.format(message, 'en', { count: 2 }), '2 items')
    assert.equal(icu.calls, 1)
  })

  test('other values or another locale are formatted anew, never served from another key', async ({
    assert,
  }) => {
    const icu = await countingIcu()
    const remembered = new RememberedFormatter(icu)
    const message = 'Hello {name}'
    assert.equal(remembered.format(message, 'en', { name: 'Ana' }), 'Hello Ana')
    assert.equal(remembered.format(message, 'en', { name: 'Omar' }), 'Hello Omar')
    assert.equal(remembered.format(message, 'ar', { name: 'Ana' }), 'Hello Ana')
    assert.equal(remembered.format('Hello', 'en'), 'Hello')
    assert.equal(icu.calls, 4)
  })

  test('it remembers a bounded number of results, forgetting the oldest first', async ({
    assert,
  }) => {
    const icu = await countingIcu()
    const remembered = new RememberedFormatter(icu)
    for (let index = 0; index <= MAX_REMEMBERED; index++) {
      remembered.format('Item {index}', 'en', { index })
    }
    assert.equal(icu.calls, MAX_REMEMBERED + 1)
    remembered.format('Item {index}', 'en', { index: MAX_REMEMBERED })
    assert.equal(icu.calls, MAX_REMEMBERED + 1, 'the newest is still remembered')
    remembered.format('Item {index}', 'en', { index: 0 })
    assert.equal(icu.calls, MAX_REMEMBERED + 2, 'the oldest was forgotten')
  })
})
