import { test } from '@japa/runner'
import { createStore } from '#tests/helpers'

test.group('Dashboard smoke', () => {
  test('an owner lands on the dashboard of their store', async ({ client }) => {
    const { owner, store } = await createStore()
    const response = await client.get('/dashboard').loginAs(owner)
    response.assertStatus(200)
    response.assertTextIncludes(store.name)
  })
})
