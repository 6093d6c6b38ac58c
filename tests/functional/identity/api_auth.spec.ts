import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/mod'
import { Membership, roleMayGrant, tokenAbilityNames, type Role } from '#identity/mod'
import { ResumeStore, SuspendStore, withTenant } from '#tenancy/mod'
import { createStore, createUser, mailsTo, uniqueEmail } from '#tests/helpers'
import {
  MAGIC_LINK_SUBJECT,
  atOnce,
  expectStatus,
  mailedToken,
  resetThrottle,
  statusesOf,
} from './support.js'

const MAGIC_LINK = '/api/v1/auth/magic-link'
const REDEEM = '/api/v1/auth/redeem'

function askForLink(client: any, email: unknown) {
  return client.post(MAGIC_LINK).json({ email })
}

/** A sign-in link's token for `email`, asked for over the API, as a script would */
async function linkToken(client: any, email: string) {
  const response = await expectStatus(askForLink(client, email), 202)
  return response.body().data.token as string
}

function redeem(client: any, body: Record<string, unknown>) {
  return client.post(REDEEM).json(body)
}

function apiTokensOf(userId: string) {
  return db.from('api_tokens').where('user_id', userId).whereNull('revoked_at')
}

const grantable = (role: Role) =>
  tokenAbilityNames().filter((ability) => roleMayGrant(role, ability))

test.group('API sign-in | asking for a magic link', (group) => {
  group.each.setup(() => resetThrottle('signIn'))

  test('answers 202 and mails a sign-in link whose token the answer carries outside production', async ({
    client,
    assert,
  }) => {
    const { members } = await createStore()
    const response = await expectStatus(askForLink(client, members.member.email.toUpperCase()), 202)
    const { message, token } = response.body().data
    assert.include(message, 'sign-in link')
    assert.isString(token)
    assert.include(response.header('cache-control'), 'no-store')
    const mailed = await mailedToken(members.member.email, '/magic-links', MAGIC_LINK_SUBJECT)
    assert.equal(mailed, token)
  })

  test('an address without an account gets the same 202 and message, and no mail', async ({
    client,
    assert,
  }) => {
    const { members } = await createStore()
    const known = await expectStatus(askForLink(client, members.admin.email), 202)
    const email = uniqueEmail('nobody')
    const unknown = await expectStatus(askForLink(client, email), 202)
    assert.equal(unknown.body().data.message, known.body().data.message)
    assert.isNull(unknown.body().data.token)
    assert.deepEqual(await mailsTo(email), [])
  })

  test('a missing or malformed address is 422 on email', async ({ client, assert }) => {
    for (const email of [undefined, '', 'not-an-address', ['a@b.test']]) {
      const response = await expectStatus(askForLink(client, email), 422)
      assert.equal(response.body().errors[0].field, 'email')
    }
  })

  test('the sixth request for one address within ten minutes is 429 JSON with Retry-After', async ({
    client,
    assert,
  }) => {
    const email = uniqueEmail('flood')
    for (let attempt = 0; attempt < 5; attempt++) {
      await expectStatus(askForLink(client, email), 202)
    }
    const refused = await expectStatus(askForLink(client, email), 429)
    assert.isString(refused.body().errors[0].message)
    assert.isAbove(Number(refused.header('retry-after')), 0)
    await resetThrottle('magicLink', email)
  })
})

test.group('API sign-in | redeeming the link for a token', (group) => {
  group.each.setup(() => resetThrottle('signIn'))
  group.each.teardown(() => clock.travelTo(null))

  test('a member of one store gets a token with every ability the role allows, once', async ({
    client,
    assert,
  }) => {
    const { store, members } = await createStore()
    const token = await linkToken(client, members.member.email)

    const response = await expectStatus(redeem(client, { token }), 201)
    const data = response.body().data
    assert.match(data.token, /^bzr_/)
    assert.sameMembers(data.abilities, grantable('member'))
    assert.notInclude(data.abilities, 'team:write')
    assert.deepEqual(data.store, { slug: store.slug, name: store.name })
    assert.include(response.header('cache-control'), 'no-store')

    const shown = await client.get('/api/v1/store').bearerToken(data.token)
    shown.assertStatus(200)
    assert.equal(shown.body().data.slug, store.slug)

    const again = await expectStatus(redeem(client, { token }), 410)
    assert.include(again.body().errors[0].message, 'expired or was already used')
    assert.lengthOf(await apiTokensOf(members.member.id), 1)
  })

  test('abilities and a name may be asked for; more than the role allows is 403 and spends nothing', async ({
    client,
    assert,
  }) => {
    const { members } = await createStore()
    const token = await linkToken(client, members.finance.email)

    const refused = await expectStatus(
      redeem(client, { token, abilities: ['projects:read', 'projects:write'] }),
      403
    )
    assert.include(refused.body().errors[0].message, 'projects:write')
    assert.lengthOf(await apiTokensOf(members.finance.id), 0)

    const issued = await expectStatus(
      redeem(client, { token, abilities: ['projects:read'], name: 'nightly report' }),
      201
    )
    assert.deepEqual(issued.body().data.abilities, ['projects:read'])
    const [row] = await apiTokensOf(members.finance.id)
    assert.equal(row.name, 'nightly report')
  })

  test('a member of several stores names one; without it, or naming a store of others, 422', async ({
    client,
    assert,
  }) => {
    const first = await createStore()
    const second = await createStore()
    const stranger = await createStore()
    await withTenant(second.store, () =>
      Membership.create({ userId: first.members.admin.id, role: 'member' })
    )
    const token = await linkToken(client, first.members.admin.email)

    const unnamed = await expectStatus(redeem(client, { token }), 422)
    assert.equal(unnamed.body().errors[0].field, 'store')
    assert.include(unnamed.body().errors[0].message, first.store.slug)
    assert.include(unnamed.body().errors[0].message, second.store.slug)
    const foreign = await expectStatus(redeem(client, { token, store: stranger.store.slug }), 422)
    assert.equal(foreign.body().errors[0].field, 'store')
    assert.lengthOf(await apiTokensOf(first.members.admin.id), 0)

    const issued = await expectStatus(
      redeem(client, { token, store: second.store.slug.toUpperCase() }),
      201
    )
    assert.equal(issued.body().data.store.slug, second.store.slug)
    assert.sameMembers(issued.body().data.abilities, grantable('member'))
  })

  test('an account in no store is told to create one (422)', async ({ client, assert }) => {
    const user = await createUser(uniqueEmail('storeless'))
    const token = await linkToken(client, user.email)
    const response = await expectStatus(redeem(client, { token }), 422)
    assert.equal(response.body().errors[0].field, 'store')
  })

  test('an unknown token is 404, an expired one 410, a missing one 422', async ({
    client,
    assert,
  }) => {
    const { members } = await createStore()
    const unknown = await expectStatus(redeem(client, { token: 'no-such-link' }), 404)
    assert.include(unknown.body().errors[0].message, 'not valid')
    const missing = await expectStatus(redeem(client, {}), 422)
    assert.equal(missing.body().errors[0].field, 'token')

    const token = await linkToken(client, members.owner.email)
    clock.travelTo(clock.now().plus({ minutes: 16 }))
    await expectStatus(redeem(client, { token }), 410)
    clock.travelTo(null)
    assert.lengthOf(await apiTokensOf(members.owner.id), 0)
  })

  test('bad abilities, names and lifetimes are 422 beside the field', async ({
    client,
    assert,
  }) => {
    const { members } = await createStore()
    const token = await linkToken(client, members.owner.email)
    for (const [body, field] of [
      [{ abilities: ['projects:fly'] }, 'abilities.0'],
      [{ abilities: [] }, 'abilities'],
      [{ abilities: 'projects:read' }, 'abilities'],
      [{ name: 'x'.repeat(81) }, 'name'],
      [{ expiresInDays: 0 }, 'expiresInDays'],
    ] as const) {
      const response = await expectStatus(redeem(client, { token, ...body }), 422)
      assert.equal(response.body().errors[0].field, field, JSON.stringify(body))
    }
    await expectStatus(redeem(client, { token, expiresInDays: 30 }), 201)
  })

  test('five redeems of one link at once issue exactly one token; the others are 410', async ({
    client,
    assert,
  }) => {
    const { members } = await createStore()
    const token = await linkToken(client, members.admin.email)
    const responses = await atOnce(5, () => redeem(client, { token }))
    assert.deepEqual(statusesOf(responses), [201, 410, 410, 410, 410])
    assert.lengthOf(await apiTokensOf(members.admin.id), 1)
  })

  test('a suspended store issues no token (423) and the link stays usable', async ({
    client,
    assert,
  }) => {
    const { store, members } = await createStore()
    const token = await linkToken(client, members.owner.email)
    await new SuspendStore().handle(store.slug)
    try {
      await expectStatus(redeem(client, { token }), 423)
    } finally {
      await new ResumeStore().handle(store.slug)
    }
    assert.lengthOf(await apiTokensOf(members.owner.id), 0)
    await expectStatus(redeem(client, { token }), 201)
  })
})
