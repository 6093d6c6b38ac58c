import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { storesOf } from '#identity/mod'
import { createStore, unique } from '#tests/helpers'
import { statementsSentDuring } from '#tests/functional/tenancy/statements'

test.group('A user in several stores', () => {
  test('creates a second store and switches between the two', async ({ client, assert }) => {
    const { owner, store: first } = await createStore()
    const slug = unique('second')

    const created = await client
      .post('/stores')
      .form({ storeName: 'Second Shop', slug })
      .withCsrfToken()
      .loginAs(owner)
    created.assertStatus(200)
    created.assertTextIncludes('Second Shop')
    const second = await db.from('tenants').where('slug', slug).firstOrFail()

    const switched = await client
      .put('/current-store')
      .form({ tenantId: first.id })
      .withCsrfToken()
      .withSession({ currentTenantId: second.id })
      .loginAs(owner)
    switched.assertStatus(200)
    switched.assertTextIncludes(first.name)
    assert.notInclude(switched.text(), 'Second Shop</a>')
  })

  test('cannot switch to a store they are not a member of', async ({ client, assert }) => {
    const { owner } = await createStore()
    const { store: foreign } = await createStore()
    const response = await client
      .put('/current-store')
      .form({ tenantId: foreign.id })
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    response.assertStatus(404)
    assert.notInclude(response.text(), foreign.slug)
  })

  test('a malformed store id is a 422 with a message', async ({ client }) => {
    const { owner } = await createStore()
    const response = await client
      .put('/current-store')
      .form({ tenantId: 'not-a-uuid' })
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    response.assertStatus(422)
  })

  test('a second store with a taken address is refused and nothing is created', async (ctx) => {
    const { client, assert } = ctx
    const { owner, store } = await createStore()
    const copycat = unique('Copycat ')
    const response = await client
      .post('/stores')
      .form({ storeName: copycat, slug: store.slug })
      .withCsrfToken()
      .loginAs(owner)
    response.assertStatus(422)
    response.assertTextIncludes('already taken')
    assert.notExists(await db.from('tenants').where('name', copycat).first())
    assert.lengthOf(await storesOf(owner.id), 1)
  })

  test('a signed-in user with no store is sent to create one', async ({ client }) => {
    const { createUser } = await import('#tests/helpers')
    const loner = await createUser()
    const response = await client.get('/dashboard').loginAs(loner).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/stores/new')
  })

  test('a remembered store the user has left falls back to a store they are in, never the old one', async ({
    client,
    assert,
  }) => {
    const { owner, store: own } = await createStore()
    const { store: left } = await createStore()

    const page = await client
      .get('/dashboard')
      .withSession({ currentTenantId: left.id })
      .loginAs(owner)
    page.assertStatus(200)
    assert.include(page.text(), own.slug)
    assert.notInclude(page.text(), left.slug)
    assert.equal(page.session().currentTenantId, own.id)
  })

  test('a remembered store is served in one unit of work', async ({ client, assert }) => {
    const { owner, store } = await createStore()
    await client.get('/dashboard').withSession({ currentTenantId: store.id }).loginAs(owner)

    const sent = await statementsSentDuring(() =>
      client.get('/dashboard').withSession({ currentTenantId: store.id }).loginAs(owner)
    )
    assert.lengthOf(
      sent.filter((statement) => statement.startsWith('BEGIN')),
      1
    )
  })
})
