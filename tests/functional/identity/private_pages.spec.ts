import { test } from '@japa/runner'
import { Membership, issueApiToken } from '#identity/mod'
import { withTenant } from '#tenancy/mod'
import { createStore, unique } from '#tests/helpers'
import { formAs } from './support.js'

test.group('Responses kept out of caches', () => {
  test('signed-in dashboard pages are sent Cache-Control: no-store', async ({ client, assert }) => {
    const { owner } = await createStore()
    for (const url of ['/dashboard', '/dashboard/team', '/dashboard/api-tokens']) {
      const response = await client.get(url).loginAs(owner)
      response.assertStatus(200)
      assert.equal(response.header('cache-control'), 'no-store', url)
    }
  })

  test('the page that shows a new API token once is sent no-store', async ({ client, assert }) => {
    const { owner } = await createStore()
    const response = await formAs(client, owner, 'post', '/dashboard/api-tokens', {
      'name': unique('token'),
      'abilities[]': ['store:read'],
    }).redirects(1)
    response.assertTextIncludes('bzr_')
    assert.equal(response.header('cache-control'), 'no-store')
  })

  test('sign-in and sign-up forms, which carry a CSRF token, are sent no-store', async ({
    client,
    assert,
  }) => {
    for (const url of ['/signin', '/signup']) {
      const response = await client.get(url)
      response.assertStatus(200)
      assert.equal(response.header('cache-control'), 'no-store', url)
    }
  })

  test('API answers, the rotated secret and a refusal included, are sent no-store', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await createStore()
    const { plain } = await withTenant(store, async () => {
      const membership = await Membership.findByOrFail('userId', owner.id)
      return issueApiToken(membership, { name: unique('ci'), abilities: ['store:read'] })
    })
    const read = await client.get('/api/v1/store').header('authorization', `Bearer ${plain}`)
    read.assertStatus(200)
    assert.equal(read.header('cache-control'), 'no-store')

    const rotated = await client
      .post('/api/v1/tokens/current/rotation')
      .header('authorization', `Bearer ${plain}`)
    rotated.assertStatus(201)
    assert.equal(rotated.header('cache-control'), 'no-store')

    const refused = await client.get('/api/v1/store').header('authorization', 'Bearer bzr_nope')
    refused.assertStatus(401)
    assert.equal(refused.header('cache-control'), 'no-store')
  })

  test('a storefront page stays cacheable: it holds no session and no secret', async ({
    client,
    assert,
  }) => {
    const { store } = await createStore()
    const response = await client.get(`/s/${store.slug}`)
    response.assertStatus(200)
    assert.notEqual(response.header('cache-control'), 'no-store')
  })
})

test.group('Development mailbox', () => {
  test('outside development the mailbox does not exist (404), even from this machine', async ({
    client,
  }) => {
    const response = await client.get('/dev/mail')
    response.assertStatus(404)
  })
})
