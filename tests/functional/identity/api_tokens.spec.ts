import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { clock, sha256 } from '#core/mod'
import {
  Membership,
  issueApiToken,
  tokenAbilityNames,
  type TokenAbility,
  type User,
} from '#identity/mod'
import { SuspendStore, withTenant } from '#tenancy/mod'
import { createStore, unique } from '#tests/helpers'
import {
  atOnce,
  expectRedirect,
  expectStatus,
  formAs,
  jsonAs,
  membershipIdOf,
  statusesOf,
} from './support.js'

const TOKEN_PATTERN = /bzr_[A-Za-z0-9_-]+/
const TOKENS = '/dashboard/api-tokens'

async function createToken(
  client: any,
  creator: User,
  abilities: TokenAbility[],
  expiresInDays?: number
) {
  // the browser form names its checkboxes abilities[]
  const form: Record<string, unknown> = { 'name': unique('token'), 'abilities[]': abilities }
  if (expiresInDays !== undefined) form.expiresInDays = expiresInDays
  const response = await expectStatus(formAs(client, creator, 'post', TOKENS, form), 201)
  const plain = TOKEN_PATTERN.exec(response.text())?.[0]
  if (!plain) throw new Error('the new token is not on the page')
  const row = await db.from('api_tokens').where('token_hash', sha256(plain)).firstOrFail()
  return { plain, id: row.id as string, name: form.name as string, response }
}

function revoke(client: any, actor: User, id: string) {
  return formAs(client, actor, 'delete', `${TOKENS}/${id}`)
}

function bearer(client: any, method: 'get' | 'post', url: string, token?: string) {
  const request = client[method](url)
  return token ? request.header('authorization', `Bearer ${token}`) : request
}

function assertApiError(assert: any, response: any, status: number) {
  response.assertStatus(status)
  const body = response.body()
  assert.isArray(body.errors, `expected {errors:[…]}, got ${response.text()}`)
  assert.isAbove(body.errors.length, 0)
  assert.isString(body.errors[0].message)
}

/** Asserts a JSON answer lists an error beside `field` */
function assertErrorBeside(assert: any, response: any, field: string) {
  const errors = response.body().errors as { field: string; message: string }[]
  assert.isArray(errors)
  assert.isTrue(
    errors.some((error) => error.field === field),
    JSON.stringify(errors)
  )
}

test.group('API tokens in the dashboard', (group) => {
  group.each.teardown(() => clock.travelTo(null))

  test('an owner creates a token, which is shown once and stored only as a hash', async (ctx) => {
    const { client, assert } = ctx
    const { owner, store } = await createStore()
    const { plain, id, name, response } = await createToken(
      client,
      owner,
      ['store:read', 'team:read'],
      30
    )
    response.assertTextIncludes('it will not be shown again')

    const row = await db.from('api_tokens').where('id', id).firstOrFail()
    assert.equal(row.tenant_id, store.id)
    assert.equal(row.user_id, owner.id)
    assert.equal(row.name, name)
    assert.notEqual(row.token_hash, plain)
    assert.notInclude(JSON.stringify(row), plain)
    assert.sameMembers(
      typeof row.abilities === 'string' ? JSON.parse(row.abilities) : row.abilities,
      ['store:read', 'team:read']
    )
    assert.isNotNull(row.expires_at)

    const listing = await client.get(TOKENS).loginAs(owner)
    listing.assertStatus(200)
    listing.assertTextIncludes(name)
    assert.notInclude(listing.text(), plain, 'the token is not shown a second time')
  })

  test('an admin may create tokens too', async ({ client }) => {
    const { members } = await createStore()
    await createToken(client, members.admin, ['store:read'])
  })

  test('a token for the store reads the store over the API', async ({ client, assert }) => {
    const { owner, store } = await createStore()
    const { plain } = await createToken(client, owner, ['store:read'])
    const response = await bearer(client, 'get', '/api/v1/store', plain)
    response.assertStatus(200)
    assert.equal(response.body().data.slug, store.slug)
    assert.equal(response.body().data.name, store.name)

    const row = await db.from('api_tokens').where('token_hash', sha256(plain)).first()
    assert.isNotNull(row.last_used_at, 'use is recorded')
  })

  test('a token with team:read lists the members of its own store only', async (ctx) => {
    const { client, assert } = ctx
    const { owner, members } = await createStore()
    const other = await createStore()
    const { plain } = await createToken(client, owner, ['team:read'])
    const response = await bearer(client, 'get', '/api/v1/members', plain)
    response.assertStatus(200)
    const emails = response.body().data.map((member: { email: string }) => member.email)
    assert.sameMembers(
      emails,
      Object.values(members).map((user) => user.email)
    )
    assert.notInclude(emails, other.owner.email)
  })

  test('a token without team:read is refused the member list with 403 and {errors}', async (ctx) => {
    const { client, assert } = ctx
    const { owner } = await createStore()
    const { plain } = await createToken(client, owner, ['store:read'])
    const response = await bearer(client, 'get', '/api/v1/members', plain)
    assertApiError(assert, response, 403)
    assert.include(response.body().errors[0].message, 'team:read')
  })

  test('a token without store:read is refused the store with 403', async ({ client, assert }) => {
    const { owner } = await createStore()
    const { plain } = await createToken(client, owner, ['team:read'])
    assertApiError(assert, await bearer(client, 'get', '/api/v1/store', plain), 403)
  })

  test('no token, a garbage token or another scheme gets 401 JSON', async ({ client, assert }) => {
    const none = await bearer(client, 'get', '/api/v1/store')
    assertApiError(assert, none, 401)
    assert.equal(none.header('www-authenticate'), 'Bearer')

    assertApiError(assert, await bearer(client, 'get', '/api/v1/store', 'garbage'), 401)
    assertApiError(
      assert,
      await bearer(client, 'get', '/api/v1/store', `bzr_${'x'.repeat(43)}`),
      401
    )
    const basic = await client.get('/api/v1/store').header('authorization', 'Basic dXNlcjpwYXNz')
    assertApiError(assert, basic, 401)
  })

  test('a revoked token stops working', async ({ client, assert }) => {
    const { owner } = await createStore()
    const { plain, id } = await createToken(client, owner, ['store:read'])
    await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)

    await expectRedirect(revoke(client, owner, id), TOKENS)

    assertApiError(assert, await bearer(client, 'get', '/api/v1/store', plain), 401)
    const listing = await client.get(TOKENS).loginAs(owner)
    assert.notInclude(listing.text(), id)
  })

  test('a token of another store cannot be revoked (404)', async ({ client, assert }) => {
    const { owner } = await createStore()
    const other = await createStore()
    const { plain, id } = await createToken(client, other.owner, ['store:read'])
    await expectStatus(revoke(client, owner, id), 404)
    await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)
    const row = await db.from('api_tokens').where('id', id).first()
    assert.isNull(row.revoked_at)
  })

  test('an expired token stops working', async ({ client, assert }) => {
    const { owner } = await createStore()
    const { plain } = await createToken(client, owner, ['store:read'], 1)
    await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)

    clock.travelTo(DateTime.utc().plus({ hours: 23 }))
    await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)

    clock.travelTo(DateTime.utc().plus({ days: 1, minutes: 5 }))
    assertApiError(assert, await bearer(client, 'get', '/api/v1/store', plain), 401)
  })

  test('a token without an expiry keeps working a year later', async ({ client }) => {
    const { owner } = await createStore()
    const { plain } = await createToken(client, owner, ['store:read'])
    clock.travelTo(DateTime.utc().plus({ days: 400 }))
    await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)
  })

  test('rotation returns a new working token with the same abilities and retires the old one', async (ctx) => {
    const { client, assert } = ctx
    const { owner, store } = await createStore()
    const { plain: old } = await createToken(client, owner, ['store:read', 'team:read'], 30)

    const rotated = await bearer(client, 'post', '/api/v1/tokens/current/rotation', old)
    rotated.assertStatus(201)
    const fresh = rotated.body().data.token as string
    assert.match(fresh, TOKEN_PATTERN)
    assert.notEqual(fresh, old)
    assert.sameMembers(rotated.body().data.abilities, ['store:read', 'team:read'])
    assert.isString(rotated.body().data.expiresAt)

    const withFresh = await bearer(client, 'get', '/api/v1/store', fresh)
    withFresh.assertStatus(200)
    assert.equal(withFresh.body().data.slug, store.slug)
    await expectStatus(bearer(client, 'get', '/api/v1/members', fresh), 200)

    assertApiError(assert, await bearer(client, 'get', '/api/v1/store', old), 401)
    assertApiError(
      assert,
      await bearer(client, 'post', '/api/v1/tokens/current/rotation', old),
      401
    )
  })

  test('a token that never expires rotates into one that never expires', async (ctx) => {
    const { client, assert } = ctx
    const { owner } = await createStore()
    const { plain } = await createToken(client, owner, ['store:read'])
    const rotated = await bearer(client, 'post', '/api/v1/tokens/current/rotation', plain)
    rotated.assertStatus(201)
    assert.isNull(rotated.body().data.expiresAt)
  })

  test('rotation without a token is 401', async ({ client, assert }) => {
    assertApiError(assert, await bearer(client, 'post', '/api/v1/tokens/current/rotation'), 401)
  })

  for (const role of ['finance', 'member'] as const) {
    test(`a ${role} is refused the token pages with 403`, async ({ client, assert }) => {
      const { owner, members } = await createStore()
      const { id, plain } = await createToken(client, owner, ['store:read'])
      const user = members[role]

      await expectStatus(client.get(TOKENS).loginAs(user).redirects(0), 403)

      const before = await db.from('api_tokens').where('user_id', user.id)
      const form = { 'name': 'sneaky', 'abilities[]': ['store:read'] }
      const create = await expectStatus(formAs(client, user, 'post', TOKENS, form), 403)
      assert.notMatch(create.text(), TOKEN_PATTERN)
      const after = await db.from('api_tokens').where('user_id', user.id)
      assert.equal(after.length, before.length)

      await expectStatus(revoke(client, user, id), 403)
      await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)
    })
  }

  test('a token stops working once its holder is removed from the store', async (ctx) => {
    const { client, assert } = ctx
    const { owner, store, members } = await createStore()
    const { plain } = await createToken(client, members.admin, ['store:read'])
    await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)

    const membershipId = await membershipIdOf(store, members.admin)
    await expectStatus(formAs(client, owner, 'delete', `/dashboard/team/${membershipId}`), 302)

    assertApiError(assert, await bearer(client, 'get', '/api/v1/store', plain), 401)
  })

  test("a demoted holder's token keeps the abilities any role may hold", async ({ client }) => {
    const { store, members } = await createStore()
    const { plain } = await createToken(client, members.admin, ['store:read', 'team:read'])
    await withTenant(store, async () => {
      await Membership.query().where('userId', members.admin.id).update({ role: 'member' })
    })
    await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)
    await expectStatus(bearer(client, 'get', '/api/v1/members', plain), 200)
  })

  test('JSON callers with no abilities get 422 {errors:[{field:"abilities"}]}', async (ctx) => {
    const { client, assert } = ctx
    const { owner } = await createStore()
    const form = { name: 'no abilities' }
    const request = formAs(client, owner, 'post', TOKENS, form).header('accept', 'application/json')
    assertErrorBeside(assert, await expectStatus(request, 422), 'abilities')
  })

  test('JSON callers with an empty abilities list get 422 on abilities', async (ctx) => {
    const { client, assert } = ctx
    const { owner } = await createStore()
    const body = { name: 'empty abilities', abilities: [] }
    const response = await expectStatus(jsonAs(client, owner, 'post', TOKENS, body), 422)
    assertErrorBeside(assert, response, 'abilities')
    const rows = await db
      .from('api_tokens')
      .where('name', 'empty abilities')
      .where('user_id', owner.id)
    assert.lengthOf(rows, 0)
  })

  const validForm = { 'name': 'x', 'abilities[]': ['store:read'] }
  /** [what is wrong, the form, the field the error stands beside] */
  const badForms: [string, Record<string, unknown>, string][] = [
    ['an unknown ability', { 'name': 'x', 'abilities[]': ['root:all'] }, 'abilities'],
    ['a missing name', { 'abilities[]': ['store:read'] }, 'name'],
    ['a lifetime over 365 days', { ...validForm, expiresInDays: 366 }, 'expiresInDays'],
    ['a lifetime of zero days', { ...validForm, expiresInDays: 0 }, 'expiresInDays'],
  ]
  for (const [wrong, form, field] of badForms) {
    test(`a token form with ${wrong} is refused with 422 beside ${field}`, async (ctx) => {
      const { client, assert } = ctx
      const { owner } = await createStore()
      const response = await expectStatus(formAs(client, owner, 'post', TOKENS, form), 422)
      if (field !== 'abilities') assert.include(response.text(), `id="${field}-error"`)
      assert.notMatch(response.text(), TOKEN_PATTERN)
      const rows = await db.from('api_tokens').where('user_id', owner.id)
      assert.lengthOf(rows, 0)
    })
  }

  test('every token ability can be granted by an owner', async ({ client, assert }) => {
    const { owner } = await createStore()
    const { id } = await createToken(client, owner, tokenAbilityNames())
    const row = await db.from('api_tokens').where('id', id).firstOrFail()
    const stored = typeof row.abilities === 'string' ? JSON.parse(row.abilities) : row.abilities
    assert.sameMembers(stored, tokenAbilityNames())
  })
})

const ROTATION = '/api/v1/tokens/current/rotation'

function tokenRowsNamed(user: User, name: string) {
  return db.from('api_tokens').where('user_id', user.id).where('name', name)
}

test.group('API tokens under pressure', (group) => {
  group.each.teardown(() => clock.travelTo(null))

  test('five rotations of one token at once replace it exactly once; the others are refused', async (ctx) => {
    const { client, assert } = ctx
    const { owner } = await createStore()
    const { plain, name } = await createToken(client, owner, ['store:read'], 30)

    const responses = await atOnce(5, () => bearer(client, 'post', ROTATION, plain))
    const statuses = statusesOf(responses)
    assert.equal(statuses.filter((status) => status === 201).length, 1, `${statuses}`)
    assert.isTrue(
      statuses.every((status) => [201, 401, 409].includes(status)),
      `${statuses}`
    )
    for (const refused of responses.filter((response) => response.status() !== 201)) {
      assertApiError(assert, refused, refused.status())
    }
    const rows = await tokenRowsNamed(owner, name)
    assert.lengthOf(rows, 2, 'the old token and exactly one replacement')
    assert.lengthOf(
      rows.filter((row) => row.revoked_at === null),
      1
    )
  })

  test('a suspended store refuses a token rotation with 423 and a message, and still answers reads', async (ctx) => {
    const { client, assert } = ctx
    const { owner, store } = await createStore()
    const { plain, name } = await createToken(client, owner, ['store:read'])
    await new SuspendStore().handle(store.slug)

    const rotation = await bearer(client, 'post', ROTATION, plain)
    assertApiError(assert, rotation, 423)
    assert.include(rotation.body().errors[0].message, 'suspended')
    await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)
    assert.lengthOf(await tokenRowsNamed(owner, name), 1, 'nothing was rotated')
  })

  test('a member holding 20 working tokens is refused a 21st with 422 and a message', async (ctx) => {
    const { client, assert } = ctx
    const { owner, store } = await createStore()
    await withTenant(store, async () => {
      const membership = await Membership.findByOrFail('userId', owner.id)
      for (let index = 0; index < 20; index++) {
        await issueApiToken(membership, { name: `t${index}`, abilities: ['store:read'] })
      }
    })
    const body = { name: 'one too many', abilities: ['store:read'] }
    const refused = await jsonAs(client, owner, 'post', TOKENS, body)
    assertApiError(assert, refused, 422)
    assert.include(refused.body().errors[0].message, 'at most 20')
    assert.lengthOf(await db.from('api_tokens').where('user_id', owner.id), 20)

    const [oldest] = await db.from('api_tokens').where('user_id', owner.id).orderBy('created_at')
    await expectStatus(revoke(client, owner, oldest.id), 302)
    await createToken(client, owner, ['store:read'])
  })

  test('a token records its last use at most once a minute', async ({ client, assert }) => {
    const { owner } = await createStore()
    const start = DateTime.utc().startOf('second')
    clock.travelTo(start)
    const { plain, id } = await createToken(client, owner, ['store:read'])
    const lastUsed = async () => {
      const row = await db.from('api_tokens').where('id', id).firstOrFail()
      return row.last_used_at ? (row.last_used_at as Date).getTime() : null
    }

    await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)
    assert.equal(await lastUsed(), start.toMillis())

    clock.travelTo(start.plus({ seconds: 30 }))
    await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)
    assert.equal(
      await lastUsed(),
      start.toMillis(),
      'a second use within the minute writes nothing'
    )

    clock.travelTo(start.plus({ seconds: 61 }))
    await expectStatus(bearer(client, 'get', '/api/v1/store', plain), 200)
    assert.equal(await lastUsed(), start.plus({ seconds: 61 }).toMillis())
  })
})
