import { test } from '@japa/runner'
import { tenantDirectory } from '#tenancy/mod'
import Tenant from '#tenancy/models/tenant'
import { createStore, unique } from '#tests/helpers'

test.group('Custom domains', () => {
  test('a store answers on its custom domain, and stops when the domain is removed', async ({
    client,
  }) => {
    const { store } = await createStore()
    const domain = `${unique('shop')}.example.test`
    const tenant = await Tenant.findOrFail(store.id)
    tenant.customDomain = domain
    await tenant.save()
    await tenantDirectory.forgetTenant(tenant)

    const response = await client.get('/').header('host', domain)
    response.assertStatus(200)
    response.assertTextIncludes(store.name)

    tenant.customDomain = null
    await tenant.save()
    await tenantDirectory.forgetTenant({ ...tenant.toSnapshot(), customDomain: domain })
    const after = await client.get('/').header('host', domain)
    after.assertStatus(404)
  })
})
