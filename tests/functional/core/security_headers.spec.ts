import { test } from '@japa/runner'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import { createStore } from '#tests/helpers'

/** Powers no page uses, which every response must deny */
const DENIED = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'interest-cohort']

const RESPONSES: {
  label: string
  status: number
  request: (client: ApiClient, storeSlug: string) => ApiRequest
}[] = [
  {
    label: 'a storefront page',
    status: 200,
    request: (client, slug) => client.get('/').header('host', `${slug}.localhost`),
  },
  { label: 'a platform page', status: 200, request: (client) => client.get('/signin') },
  { label: 'an API answer', status: 401, request: (client) => client.get('/api/v1/store') },
  { label: 'a health check', status: 200, request: (client) => client.get('/health') },
  { label: 'a 404 page', status: 404, request: (client) => client.get('/no-such-page') },
  {
    label: "an unknown store's 404",
    status: 404,
    request: (client) => client.get('/').header('host', 'no-such-store.localhost'),
  },
  { label: 'a static file', status: 200, request: (client) => client.get('/css/app.css') },
]

test.group('Security headers on every response', (group) => {
  let storeSlug: string

  group.setup(async () => {
    storeSlug = (await createStore()).store.slug
  })

  for (const { label, status, request } of RESPONSES) {
    test(`${label} sends Referrer-Policy and Permissions-Policy`, async ({ client, assert }) => {
      const response = await request(client, storeSlug)
      response.assertStatus(status)
      assert.equal(response.header('referrer-policy'), 'no-referrer')
      const permissions = new Map(
        String(response.header('permissions-policy'))
          .split(',')
          .map((entry) => entry.trim().split('=') as [string, string])
      )
      for (const feature of DENIED) assert.equal(permissions.get(feature), '()', feature)
      assert.equal(response.header('x-content-type-options'), 'nosniff')
    })
  }
})
