import { test } from '@japa/runner'
import { THROTTLE_POLICIES } from '#core/mod'
import { tenantDirectory } from '#tenancy/mod'
import Tenant from '#tenancy/models/tenant'
import { createStore, uniqueEmail } from '#tests/helpers'
import { signIn } from '#tests/functional/identity/support'

/** Gives a store a name of its own, so a page shows which store answered */
async function renameStore(id: string, name: string) {
  const tenant = await Tenant.findOrFail(id)
  tenant.name = name
  await tenant.save()
  await tenantDirectory.forgetTenant(tenant)
}

test.group('Proxies: none is trusted unless TRUSTED_PROXIES names it', () => {
  test('a client that changes X-Forwarded-For on every try still reaches the sign-in limit', async ({
    assert,
    client,
  }) => {
    const email = uniqueEmail('spoofer')
    const limit = THROTTLE_POLICIES.signIn.requests
    const statuses: number[] = []
    for (let attempt = 1; attempt <= limit + 1; attempt++) {
      const response = await signIn(client, email, 'wrong-password-1').header(
        'x-forwarded-for',
        `203.0.113.${attempt}`
      )
      statuses.push(response.status())
    }
    assert.deepEqual(statuses, [...Array(limit).fill(422), 429])
  })

  test('X-Forwarded-Host moves no request to another store, nor onto a storefront', async ({
    assert,
    client,
  }) => {
    const { store } = await createStore()
    const other = await createStore()
    await renameStore(other.store.id, 'Elsewhere Goods')
    const forwardedToOther = { 'x-forwarded-host': `${other.store.slug}.localhost` }

    const onStoreHost = await client
      .get('/')
      .header('host', `${store.slug}.localhost`)
      .headers(forwardedToOther)
    onStoreHost.assertStatus(200)
    assert.include(onStoreHost.text(), store.name)
    assert.notInclude(onStoreHost.text(), 'Elsewhere Goods')

    const onPlatformHost = await client.get('/').headers(forwardedToOther)
    onPlatformHost.assertStatus(200)
    assert.notInclude(onPlatformHost.text(), 'Elsewhere Goods')
  })
})

test.group('Request ids', () => {
  test('a client cannot choose the request id that our logs carry; each request gets its own', async ({
    assert,
    client,
  }) => {
    const first = await client.get('/health').header('x-request-id', 'chosen-by-the-client')
    const second = await client.get('/health').header('x-request-id', 'chosen-by-the-client')
    const ids = [first.header('x-request-id'), second.header('x-request-id')]
    for (const id of ids) {
      assert.notEqual(id, 'chosen-by-the-client')
      assert.match(id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    }
    assert.notEqual(ids[0], ids[1])
  })
})
