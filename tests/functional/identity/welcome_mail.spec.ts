import { test } from '@japa/runner'
import { createStore, lastMailTo } from '#tests/helpers'

test.group('Welcome mail', () => {
  test('a new store owner receives a welcome mail from the worker with the store address', async ({
    assert,
  }) => {
    const { owner, store } = await createStore()
    const mail = await lastMailTo(owner.email, { subject: /is open/ })
    assert.exists(mail, 'the queue worker delivered no welcome mail')
    assert.include(mail!.text, `${store.slug}.localhost`)
  })
})
