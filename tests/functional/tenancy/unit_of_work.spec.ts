import { test } from '@japa/runner'
import {
  asUser,
  currentClient,
  currentStoreSettings,
  currentTenant,
  inUnitOfWork,
  onceInUnitOfWork,
  withTenant,
  withTenantOnDemand,
} from '#tenancy/mod'
import { Membership } from '#identity/mod'
import { createStore } from '#tests/helpers'
import { statementsSentDuring } from '#tests/functional/tenancy/statements'

test.group('Unit of work | round trips', () => {
  test('opening a unit of work is one round trip: BEGIN and both settings together', async ({
    assert,
  }) => {
    const { store } = await createStore()
    const read = () => currentClient().from('store_settings').select('theme').first()
    await withTenant(store, read)

    const sent = await statementsSentDuring(() => withTenant(store, read))

    assert.lengthOf(sent, 3)
    assert.match(sent[0], /^BEGIN; SELECT set_config\('app\.tenant_id', '[0-9a-f-]{36}', true\)/)
    assert.match(sent[1], /store_settings/)
    assert.equal(sent[2], 'COMMIT;')
  })

  test('the settings are in force from the first query, for the tenant and for a user', async ({
    assert,
  }) => {
    const { store, owner } = await createStore()
    const read = () =>
      currentClient().rawQuery(
        `select current_setting('app.tenant_id', true) as tenant, current_setting('app.user_id', true) as "user", now() = statement_timestamp() as "outsideTransaction"`
      )

    const asTenant = (await withTenant(store, read)).rows[0]
    assert.equal(asTenant.tenant, store.id)
    assert.equal(asTenant.user, '')
    assert.isFalse(asTenant.outsideTransaction)

    const asOwner = (await asUser(owner.id, read)).rows[0]
    assert.equal(asOwner.tenant, '')
    assert.equal(asOwner.user, owner.id)
  })

  test('a failed unit of work rolls back and leaves no open transaction in the pool', async ({
    assert,
  }) => {
    const { store } = await createStore()
    await assert.rejects(() =>
      withTenant(store, async () => {
        await currentClient().rawQuery(`select 1/0`)
      })
    )
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        withTenant(store, () =>
          currentClient().rawQuery(`select current_setting('app.tenant_id', true) as tenant`)
        )
      )
    )
    for (const { rows } of results) assert.equal(rows[0].tenant, store.id)
  })

  test("a storefront's settings are read once, then kept in this process", async ({ assert }) => {
    const { store } = await createStore()
    const first = await withTenant(store, () => currentStoreSettings())

    // The copy is kept only once this process listens for changes, which starts on first use
    let sent: string[] = []
    for (let attempt = 0; attempt < 20; attempt++) {
      sent = await statementsSentDuring(() => withTenant(store, () => currentStoreSettings()))
      if (sent.length === 2) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.lengthOf(sent, 2)
    assert.notMatch(sent.join('\n'), /store_settings/)
    assert.deepEqual(await withTenant(store, () => currentStoreSettings()), first)
    assert.isTrue(Object.isFrozen(first))
  })
})

test.group('Unit of work | opened on demand', () => {
  test('a storefront page served from this process opens no transaction', async ({
    client,
    assert,
  }) => {
    const { store } = await createStore()
    let sent: string[] = []
    for (let attempt = 0; attempt < 20; attempt++) {
      sent = await statementsSentDuring(async () => {
        ;(await client.get(`/s/${store.slug}`)).assertStatus(200)
      })
      if (sent.length === 0) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.deepEqual(sent, [])
  })

  test('the tenant is known, and a read opens its unit of work as that tenant', async ({
    assert,
  }) => {
    const { store } = await createStore()
    const seen = await withTenantOnDemand(store, async () => {
      const tenant = currentTenant().id
      const { rows } = await inUnitOfWork(() =>
        currentClient().rawQuery(`select current_setting('app.tenant_id', true) as tenant`)
      )
      return { tenant, setting: rows[0].tenant }
    })
    assert.deepEqual(seen, { tenant: store.id, setting: store.id })
  })

  test('a query before the unit of work is open fails closed, never reads the bare pool', async ({
    assert,
  }) => {
    const { store } = await createStore()
    await withTenantOnDemand(store, async () => {
      assert.throws(() => currentClient(), /inUnitOfWork/)
      await assert.rejects(() => Membership.query().first(), /inUnitOfWork/)
    })
    assert.throws(() => inUnitOfWork(async () => 1), /tenant context/)
  })
})

test.group('Unit of work | answers asked once', () => {
  test('the same question in one unit of work reaches PostgreSQL once, and again in the next', async ({
    assert,
  }) => {
    const { store } = await createStore()
    const countSettings = () =>
      onceInUnitOfWork('test.settingsCount', async () => {
        const rows = await currentClient().from('store_settings').count('* as total')
        return Number(rows[0].total)
      })

    const sent = await statementsSentDuring(() =>
      withTenant(store, async () => [await countSettings(), await countSettings()])
    )
    assert.lengthOf(
      sent.filter((statement) => /count\(\*\)/.test(statement)),
      1
    )

    const again = await statementsSentDuring(() => withTenant(store, countSettings))
    assert.lengthOf(
      again.filter((statement) => /count\(\*\)/.test(statement)),
      1
    )
    assert.deepEqual(await withTenant(store, countSettings), 1)
  })
})
