import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { MissingTenantContext, readAsTenant, withTenant, withTenantOnDemand } from '#tenancy/mod'
import { createStore } from '#tests/helpers'
import { statementsSentDuring } from '#tests/functional/tenancy/statements'

test.group('Single read | one round trip as the tenant', () => {
  test('BEGIN READ ONLY, the settings, the statement and COMMIT travel as one message', async ({
    assert,
  }) => {
    const { store } = await createStore()
    const read = () =>
      withTenantOnDemand(store, () =>
        readAsTenant(
          `select current_setting('app.tenant_id', true) as tenant,
                  current_setting('transaction_read_only') as "readOnly"`,
          []
        )
      )
    await read()

    let result: Awaited<ReturnType<typeof read>> | undefined
    const sent = await statementsSentDuring(async () => (result = await read()))

    assert.lengthOf(sent, 1)
    assert.match(sent[0], /^BEGIN READ ONLY; SELECT set_config\('app\.tenant_id', '[0-9a-f-]{36}'/)
    assert.match(sent[0], /; COMMIT$/)
    assert.equal(result!.rows[0].tenant, store.id)
    assert.equal(result!.rows[0].readOnly, 'on')
  })

  test('row-level security shows the tenant its own rows only, with no tenant in the query', async ({
    assert,
  }) => {
    const { store } = await createStore()
    await createStore()
    const { rows } = await withTenantOnDemand(store, () =>
      readAsTenant(`select tenant_id from store_settings`, [])
    )
    assert.deepEqual(
      rows.map((row) => row.tenant_id),
      [store.id]
    )
  })

  test('bindings arrive as values, whatever quotes, backslashes or marks they hold', async ({
    assert,
  }) => {
    const { store } = await createStore()
    const text = `it's \\' ? $1 ; select 1 -- "x"`
    const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
    const { rows } = await withTenantOnDemand(store, () =>
      readAsTenant(
        `select ?::text as text, ?::text as arabic, ?::uuid[] as ids, ?::text[] as words,
                ?::int as number, ?::bigint as big, ?::boolean as flag, ?::text as nothing`,
        [text, 'قميص', ids, ['a"b', 'c\\d', ''], -3, 2n ** 40n, true, null]
      )
    )
    assert.deepEqual(rows[0], {
      text,
      arabic: 'قميص',
      ids,
      words: ['a"b', 'c\\d', ''],
      number: -3,
      big: String(2n ** 40n),
      flag: true,
      nothing: null,
    })
  })

  test('placeholders and bindings must match in number', async ({ assert }) => {
    const { store } = await createStore()
    await withTenantOnDemand(store, async () => {
      await assert.rejects(() => readAsTenant(`select ?, ?`, ['one']), /more placeholders/)
      await assert.rejects(() => readAsTenant(`select ?`, ['one', 'two']), /more bindings/)
      await assert.rejects(() => readAsTenant(`select ?`, [Number.NaN]), /finite number/)
    })
  })

  test('it cannot write, and a failed read leaves no open transaction or setting in the pool', async ({
    assert,
  }) => {
    const { store } = await createStore()
    await withTenantOnDemand(store, async () => {
      await assert.rejects(() => readAsTenant(`select 1/0`, []))
      await assert.rejects(
        () =>
          readAsTenant(`update store_settings set theme = theme where tenant_id = ?`, [store.id]),
        /read-only transaction/
      )
    })
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        db.rawQuery(
          `select coalesce(current_setting('app.tenant_id', true), '') as tenant,
                  now() = statement_timestamp() as "outsideTransaction"`
        )
      )
    )
    for (const { rows } of results) {
      assert.equal(rows[0].tenant, '')
      assert.isTrue(rows[0].outsideTransaction)
    }
  })

  test('inside an open unit of work it joins it', async ({ assert }) => {
    const { store } = await createStore()
    const sent = await statementsSentDuring(() =>
      withTenant(store, () => readAsTenant(`select ?::text as slug`, [store.slug]))
    )
    assert.lengthOf(sent, 3)
    assert.match(sent[0], /^BEGIN; /)
    assert.match(sent[1], /^select \$1::text as slug$/)
    assert.equal(sent[2], 'COMMIT;')
  })

  test('without a tenant it refuses instead of reading as nobody', async ({ assert }) => {
    await assert.rejects(() => readAsTenant(`select 1`, []), MissingTenantContext as never)
  })
})
