import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/mod'
import { Membership, User, issueApiToken, type Role } from '#identity/mod'
import { SuspendStore, recentActivity, withTenant, type TenantSnapshot } from '#tenancy/mod'
import { PASSWORD, createStore, createUser, lastMailTo, linkIn, uniqueEmail } from '#tests/helpers'
import {
  WEB_SESSION_KEY,
  atOnce,
  expectStatus,
  formAs,
  mailedToken,
  membershipIdOf,
  membershipOf,
  resetThrottle,
  sessionAfter,
  statusesOf,
} from './support.js'

const INVITE_SUBJECT = /invited/

async function roleOf(store: TenantSnapshot, user: User) {
  const membership = await membershipOf(store, user)
  return membership?.role ?? null
}

async function invitationsFor(store: TenantSnapshot, email: string) {
  return db.from('invitations').where('tenant_id', store.id).where('email', email)
}

async function invite(client: any, actor: User, email: string, role: Role) {
  return client
    .post('/dashboard/invitations')
    .form({ email, role })
    .loginAs(actor)
    .withCsrfToken()
    .redirects(0)
}

/** Invites through the dashboard and returns the token from the mail. */
async function inviteAndReadToken(client: any, actor: User, email: string, role: Role) {
  const response = await invite(client, actor, email, role)
  response.assertStatus(302)
  return mailedToken(email, '/invitations', INVITE_SUBJECT)
}

/** A fresh store whose owner invited a new address as `role`, with the mailed token */
async function storeWithInvitation(client: any, role: Role = 'member') {
  const fixture = await createStore()
  const email = uniqueEmail('invitee')
  const token = await inviteAndReadToken(client, fixture.owner, email, role)
  return { ...fixture, email, token }
}

async function acceptAsNewAccount(client: any, token: string, fullName = 'New Member') {
  return client
    .post(`/invitations/${token}/acceptance`)
    .form({ fullName, password: PASSWORD })
    .withCsrfToken()
    .redirects(0)
}

test.group('Invitations', (group) => {
  group.each.setup(() => resetThrottle('signUp'))
  group.each.teardown(() => clock.travelTo(null))

  test('an owner invites a new address, which is mailed an invitation link', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await createStore()
    const email = uniqueEmail('invitee')
    const response = await invite(client, owner, email, 'member')
    response.assertStatus(302)
    assert.equal(response.header('location'), '/dashboard/team')

    const mail = await lastMailTo(email, { subject: INVITE_SUBJECT })
    assert.exists(mail, 'the invitation mail was not delivered')
    assert.include(mail!.subject, store.name)
    assert.isString(linkIn(mail!.text, '/invitations'))

    const rows = await invitationsFor(store, email)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].role, 'member')
    assert.equal(rows[0].invited_by_user_id, owner.id)
    assert.notInclude(JSON.stringify(rows[0]), linkIn(mail!.text, '/invitations')!)
  })

  test('the pending invitation is listed on the team page', async ({ client }) => {
    const { owner } = await createStore()
    const email = uniqueEmail('invitee')
    await expectStatus(invite(client, owner, email, 'finance'), 302)
    const team = await client.get('/dashboard/team').loginAs(owner)
    team.assertStatus(200)
    team.assertTextIncludes(email)
  })

  test('the invitee opens the link and sees the form to create an account', async ({ client }) => {
    const { store, email, token } = await storeWithInvitation(client, 'finance')

    const page = await client.get(`/invitations/${token}`)
    page.assertStatus(200)
    page.assertTextIncludes(store.name)
    page.assertTextIncludes(email)
    page.assertTextIncludes('name="fullName"')
    page.assertTextIncludes('name="password"')
  })

  test('accepting as a new account creates the user and membership and lands in the store dashboard', async ({
    client,
    assert,
  }) => {
    const { store, email, token } = await storeWithInvitation(client, 'finance')

    const accepted = await acceptAsNewAccount(client, token, 'Fiona Finance')
    accepted.assertStatus(302)
    assert.equal(accepted.header('location'), '/dashboard')

    const user = await User.findByOrFail('email', email)
    assert.equal(user.fullName, 'Fiona Finance')
    assert.equal(sessionAfter(accepted)[WEB_SESSION_KEY], user.id)
    const membership = await membershipOf(store, user)
    assert.equal(membership?.role, 'finance')

    const rows = await invitationsFor(store, email)
    assert.isNotNull(rows[0].accepted_at)

    const dashboard = await client
      .get('/dashboard')
      .withSession(sessionAfter(accepted))
      .redirects(0)
    dashboard.assertStatus(200)
    dashboard.assertTextIncludes(store.name)
  })

  test('accepting with a short password is refused with 422 and creates nothing', async ({
    client,
    assert,
  }) => {
    const { email, token } = await storeWithInvitation(client, 'member')
    const response = await client
      .post(`/invitations/${token}/acceptance`)
      .form({ fullName: 'Shorty', password: 'short' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    response.assertTextIncludes('Password needs at least 10 characters')
    assert.isNull(await User.findBy('email', email))
    await expectStatus(client.get(`/invitations/${token}`), 200)
  })

  test('an invitation can be used only once', async ({ client }) => {
    const { owner } = await createStore()
    const token = await inviteAndReadToken(client, owner, uniqueEmail('invitee'), 'member')
    await expectStatus(acceptAsNewAccount(client, token), 302)

    await expectStatus(client.get(`/invitations/${token}`), 404)
    const again = await acceptAsNewAccount(client, token)
    again.assertStatus(409)
    again.assertTextIncludes('already accepted')
  })

  test('an invitation older than 7 days is not found', async ({ client, assert }) => {
    const { email, token } = await storeWithInvitation(client, 'member')

    clock.travelTo(DateTime.utc().plus({ days: 7, minutes: 1 }))
    await expectStatus(client.get(`/invitations/${token}`), 404)
    await expectStatus(acceptAsNewAccount(client, token), 404)
    clock.travelTo(null)
    assert.isNull(await User.findBy('email', email))
  })

  test('a newer invitation to the same address replaces the older one', async ({ client }) => {
    const { owner } = await createStore()
    const email = uniqueEmail('invitee')
    const first = await inviteAndReadToken(client, owner, email, 'member')
    await expectStatus(invite(client, owner, email, 'finance'), 302)

    await expectStatus(client.get(`/invitations/${first}`), 404)
  })

  test('an admin cannot invite an owner', async ({ client, assert }) => {
    const { store, members } = await createStore()
    const email = uniqueEmail('invitee')
    const response = await invite(client, members.admin, email, 'owner')
    response.assertStatus(403)
    assert.lengthOf(await invitationsFor(store, email), 0)
  })

  test('an admin can invite an admin', async ({ client, assert }) => {
    const { store, members } = await createStore()
    const email = uniqueEmail('invitee')
    await expectStatus(invite(client, members.admin, email, 'admin'), 302)
    assert.lengthOf(await invitationsFor(store, email), 1)
  })

  for (const role of ['finance', 'member'] as const) {
    test(`a ${role} cannot invite anyone`, async ({ client, assert }) => {
      const { store, members } = await createStore()
      const email = uniqueEmail('invitee')
      const response = await invite(client, members[role], email, 'member')
      response.assertStatus(403)
      assert.lengthOf(await invitationsFor(store, email), 0)
    })
  }

  test('inviting someone who is already a member is refused with 422', async ({
    client,
    assert,
  }) => {
    const { store, owner, members } = await createStore()
    const response = await invite(client, owner, members.member.email, 'admin')
    response.assertStatus(422)
    response.assertTextIncludes('already a member')
    assert.lengthOf(await invitationsFor(store, members.member.email), 0)
  })

  test('an invitation with an unknown role is refused with 422', async ({ client, assert }) => {
    const { store, owner } = await createStore()
    const email = uniqueEmail('invitee')
    const response = await invite(client, owner, email, 'superuser' as Role)
    response.assertStatus(422)
    assert.lengthOf(await invitationsFor(store, email), 0)
  })

  test('an existing account accepts while signed in, without a form', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await createStore()
    const existing = await createUser(uniqueEmail('existing'))
    const token = await inviteAndReadToken(client, owner, existing.email, 'admin')

    const page = await client.get(`/invitations/${token}`).loginAs(existing)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'name="password"')

    const accepted = await client
      .post(`/invitations/${token}/acceptance`)
      .loginAs(existing)
      .withCsrfToken()
      .redirects(0)
    accepted.assertStatus(302)
    assert.equal(accepted.header('location'), '/dashboard')
    assert.equal(sessionAfter(accepted).currentTenantId, store.id)
    const membership = await membershipOf(store, existing)
    assert.equal(membership?.role, 'admin')
  })

  test('an existing account cannot accept by creating a second account', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await createStore()
    const existing = await createUser(uniqueEmail('existing'))
    const token = await inviteAndReadToken(client, owner, existing.email, 'member')

    const page = await client.get(`/invitations/${token}`)
    page.assertStatus(200)
    page.assertTextIncludes('sign in first')

    const response = await acceptAsNewAccount(client, token)
    response.assertStatus(422)
    assert.isNull(await membershipOf(store, existing))
    const users = await db.from('users').where('email', existing.email)
    assert.lengthOf(users, 1)
  })

  test('someone signed in with another address cannot accept the invitation', async ({
    client,
    assert,
  }) => {
    const { store, token } = await storeWithInvitation(client, 'member')
    const stranger = await createUser(uniqueEmail('stranger'))

    const response = await client
      .post(`/invitations/${token}/acceptance`)
      .loginAs(stranger)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(403)
    assert.isNull(await membershipOf(store, stranger))
    await expectStatus(client.get(`/invitations/${token}`), 200)
  })

  test('a made-up invitation token is not found', async ({ client }) => {
    await expectStatus(client.get('/invitations/not-a-real-token'), 404)
  })

  test('an account whose address is not confirmed cannot accept an invitation', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await createStore()
    const unconfirmed = await createUser(uniqueEmail('unconfirmed'), 'Una', { verified: false })
    const token = await inviteAndReadToken(client, owner, unconfirmed.email, 'admin')

    const response = await formAs(client, unconfirmed, 'post', `/invitations/${token}/acceptance`)
    response.assertStatus(403)
    response.assertTextIncludes('Confirm your email address before accepting')
    assert.isNull(await membershipOf(store, unconfirmed))
  })

  test('a suspended store refuses invitation acceptances with 423 and creates nothing', async ({
    client,
    assert,
  }) => {
    const { store, email, token } = await storeWithInvitation(client, 'member')
    await new SuspendStore().handle(store.slug)

    const response = await acceptAsNewAccount(client, token)
    response.assertStatus(423)
    response.assertTextIncludes('This store is suspended')
    assert.isNull(await User.findBy('email', email))
    assert.isNull((await invitationsFor(store, email))[0].accepted_at)
  })
})

test.group('Roles and removal', (group) => {
  group.each.setup(() => resetThrottle('signUp'))

  test('an owner changes a member to finance', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    const id = await membershipIdOf(store, members.member)
    const response = await client
      .put(`/dashboard/team/${id}`)
      .form({ role: 'finance' })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.equal(await roleOf(store, members.member), 'finance')
  })

  test('an admin cannot promote anyone to owner', async ({ client, assert }) => {
    const { store, members } = await createStore()
    const id = await membershipIdOf(store, members.member)
    const response = await client
      .put(`/dashboard/team/${id}`)
      .form({ role: 'owner' })
      .loginAs(members.admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(403)
    assert.equal(await roleOf(store, members.member), 'member')
  })

  test('an admin cannot promote themselves to owner', async ({ client, assert }) => {
    const { store, members } = await createStore()
    const id = await membershipIdOf(store, members.admin)
    const response = await client
      .put(`/dashboard/team/${id}`)
      .form({ role: 'owner' })
      .loginAs(members.admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(403)
    assert.equal(await roleOf(store, members.admin), 'admin')
  })

  test('an admin cannot demote the owner', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    const id = await membershipIdOf(store, owner)
    const response = await client
      .put(`/dashboard/team/${id}`)
      .form({ role: 'member' })
      .loginAs(members.admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(403)
    assert.equal(await roleOf(store, owner), 'owner')
  })

  test('a member cannot change roles', async ({ client, assert }) => {
    const { store, members } = await createStore()
    const id = await membershipIdOf(store, members.member)
    const response = await client
      .put(`/dashboard/team/${id}`)
      .form({ role: 'admin' })
      .loginAs(members.member)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(403)
    assert.equal(await roleOf(store, members.member), 'member')
  })

  test('the last owner cannot be demoted', async ({ client, assert }) => {
    const { store, owner } = await createStore()
    const id = await membershipIdOf(store, owner)
    const response = await client
      .put(`/dashboard/team/${id}`)
      .form({ role: 'admin' })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    response.assertTextIncludes('The last owner cannot be demoted')
    assert.equal(await roleOf(store, owner), 'owner')
  })

  test('the last owner cannot leave the store', async ({ client, assert }) => {
    const { store, owner } = await createStore()
    const id = await membershipIdOf(store, owner)
    const response = await client
      .delete(`/dashboard/team/${id}`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    response.assertTextIncludes('The last owner cannot be removed')
    assert.equal(await roleOf(store, owner), 'owner')
  })

  test('one of two owners can be demoted', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    await withTenant(store, async () => {
      await Membership.query().where('userId', members.admin.id).update({ role: 'owner' })
    })
    const id = await membershipIdOf(store, owner)
    const response = await client
      .put(`/dashboard/team/${id}`)
      .form({ role: 'admin' })
      .loginAs(members.admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.equal(await roleOf(store, owner), 'admin')
  })

  test('an owner transfers ownership: the target becomes owner and the actor admin', async ({
    client,
    assert,
  }) => {
    const { store, owner, members } = await createStore()
    const id = await membershipIdOf(store, members.finance)
    const response = await client
      .post('/dashboard/ownership-transfer')
      .form({ membershipId: id })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.equal(await roleOf(store, members.finance), 'owner')
    assert.equal(await roleOf(store, owner), 'admin')
  })

  test('an admin cannot transfer ownership', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    const id = await membershipIdOf(store, members.admin)
    const response = await client
      .post('/dashboard/ownership-transfer')
      .form({ membershipId: id })
      .loginAs(members.admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(403)
    assert.equal(await roleOf(store, members.admin), 'admin')
    assert.equal(await roleOf(store, owner), 'owner')
  })

  test('ownership cannot be transferred to a member of another store', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await createStore()
    const other = await createStore()
    const foreignId = await membershipIdOf(other.store, other.members.member)
    const response = await client
      .post('/dashboard/ownership-transfer')
      .form({ membershipId: foreignId })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(404)
    assert.equal(await roleOf(store, owner), 'owner')
    assert.equal(await roleOf(other.store, other.members.member), 'member')
  })

  test('a member can leave the store', async ({ client, assert }) => {
    const { store, members } = await createStore()
    const id = await membershipIdOf(store, members.member)
    const response = await client
      .delete(`/dashboard/team/${id}`)
      .loginAs(members.member)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.equal(response.header('location'), '/dashboard')
    assert.isNull(await membershipOf(store, members.member))

    const after = await client.get('/dashboard').loginAs(members.member).redirects(0)
    after.assertStatus(302)
    assert.equal(after.header('location'), '/stores/new')
  })

  test('an owner removes a member', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    const id = await membershipIdOf(store, members.finance)
    const response = await client
      .delete(`/dashboard/team/${id}`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.equal(response.header('location'), '/dashboard/team')
    assert.isNull(await membershipOf(store, members.finance))
  })

  test('a member cannot remove another member', async ({ client, assert }) => {
    const { store, members } = await createStore()
    const id = await membershipIdOf(store, members.finance)
    const response = await client
      .delete(`/dashboard/team/${id}`)
      .loginAs(members.member)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(403)
    assert.isNotNull(await membershipOf(store, members.finance))
  })

  test('an admin cannot remove the owner', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    const id = await membershipIdOf(store, owner)
    const response = await client
      .delete(`/dashboard/team/${id}`)
      .loginAs(members.admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(403)
    assert.isNotNull(await membershipOf(store, owner))
  })

  test("removing a member by another store's membership id is not found", async ({
    client,
    assert,
  }) => {
    const { owner } = await createStore()
    const other = await createStore()
    const foreignId = await membershipIdOf(other.store, other.members.member)
    const response = await client
      .delete(`/dashboard/team/${foreignId}`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(404)
    assert.isNotNull(await membershipOf(other.store, other.members.member))
  })

  test("changing the role of another store's member is not found", async ({ client, assert }) => {
    const { owner } = await createStore()
    const other = await createStore()
    const foreignId = await membershipIdOf(other.store, other.members.member)
    const response = await client
      .put(`/dashboard/team/${foreignId}`)
      .form({ role: 'admin' })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(404)
    assert.equal(await roleOf(other.store, other.members.member), 'member')
  })

  test('the team page lists only members of the current store', async ({ client, assert }) => {
    const { owner, members } = await createStore()
    const other = await createStore()
    const team = await client.get('/dashboard/team').loginAs(owner)
    team.assertStatus(200)
    team.assertTextIncludes(members.finance.email)
    assert.notInclude(team.text(), other.members.finance.email)
  })

  test('removing a member revokes their API tokens for the store, and a new invitation does not bring them back', async ({
    client,
    assert,
  }) => {
    const { store, owner, members } = await createStore()
    const admin = members.admin
    const { plain } = await withTenant(store, async () =>
      issueApiToken(await Membership.findByOrFail('userId', admin.id), {
        name: 'ci',
        abilities: ['store:read'],
      })
    )
    await expectStatus(client.get('/api/v1/store').bearerToken(plain), 200)

    const id = await membershipIdOf(store, admin)
    await expectStatus(formAs(client, owner, 'delete', `/dashboard/team/${id}`), 302)
    const tokens = await db.from('api_tokens').where('user_id', admin.id)
    assert.isTrue(
      tokens.every((row) => row.revoked_at !== null),
      'every token is revoked'
    )

    const token = await inviteAndReadToken(client, owner, admin.email, 'admin')
    await expectStatus(formAs(client, admin, 'post', `/invitations/${token}/acceptance`), 302)
    assert.equal(await roleOf(store, admin), 'admin')
    await expectStatus(client.get('/api/v1/store').bearerToken(plain), 401)
  })

  test("a removed member's open session no longer reaches the store", async ({
    client,
    assert,
  }) => {
    const { store, owner, members } = await createStore()
    const signIn = await client
      .post('/signin')
      .form({ email: members.finance.email, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    signIn.assertStatus(302)
    const session = sessionAfter(signIn)
    await expectStatus(client.get('/dashboard').withSession(session).redirects(0), 200)

    const id = await membershipIdOf(store, members.finance)
    await expectStatus(formAs(client, owner, 'delete', `/dashboard/team/${id}`), 302)

    const after = await client.get('/dashboard/team').withSession(session).redirects(0)
    after.assertStatus(302)
    assert.equal(after.header('location'), '/stores/new')
  })
})

async function makeOwner(store: TenantSnapshot, user: User) {
  await withTenant(store, async () => {
    await Membership.query().where('userId', user.id).update({ role: 'owner' })
  })
}

function ownerCount(store: TenantSnapshot) {
  return withTenant(store, async () => (await Membership.query().where('role', 'owner')).length)
}

/** A store whose owner and admin are both owners, with both membership ids */
async function storeWithTwoOwners() {
  const fixture = await createStore()
  const second = fixture.members.admin
  await makeOwner(fixture.store, second)
  const ids = {
    first: await membershipIdOf(fixture.store, fixture.owner),
    second: await membershipIdOf(fixture.store, second),
  }
  return { ...fixture, second, ids }
}

test.group('Invariants under concurrent requests', (group) => {
  group.each.setup(() => resetThrottle('signUp'))

  type TwoOwners = Awaited<ReturnType<typeof storeWithTwoOwners>>
  const races: { name: string; send: (client: any, team: TwoOwners) => Promise<any>[] }[] = [
    {
      name: 'an owner leaving while the other owner demotes themselves',
      send: (client, { owner, second, ids }) => [
        formAs(client, owner, 'delete', `/dashboard/team/${ids.first}`),
        formAs(client, second, 'put', `/dashboard/team/${ids.second}`, { role: 'admin' }),
      ],
    },
    {
      name: 'two owners demoting each other at once',
      send: (client, { owner, second, ids }) => [
        formAs(client, owner, 'put', `/dashboard/team/${ids.second}`, { role: 'admin' }),
        formAs(client, second, 'put', `/dashboard/team/${ids.first}`, { role: 'admin' }),
      ],
    },
  ]
  for (const race of races) {
    test(`${race.name} leaves exactly one owner, and one request is refused with a message`, async ({
      client,
      assert,
    }) => {
      for (let round = 0; round < 3; round++) {
        const team = await storeWithTwoOwners()
        const responses = await Promise.all(race.send(client, team))
        const statuses = statusesOf(responses)
        assert.equal(await ownerCount(team.store), 1, `round ${round}: ${statuses}`)
        assert.equal(statuses[0], 302, `round ${round}: ${statuses}`)
        assert.oneOf(statuses[1], [403, 422], `round ${round}: ${statuses}`)
        assert.isAbove(responses.find((response) => response.status() !== 302)!.text().length, 0)
      }
    })
  }

  test('five acceptances of one invitation at once: exactly one joins, the others get 409 with a message', async ({
    client,
    assert,
  }) => {
    const { store, email, token } = await storeWithInvitation(client, 'member')

    const responses = await atOnce(5, (index) =>
      acceptAsNewAccount(client, token, `Racer ${index}`)
    )
    assert.deepEqual(statusesOf(responses), [302, 409, 409, 409, 409])
    for (const refused of responses.filter((response) => response.status() === 409)) {
      refused.assertTextIncludes('it can be used only once')
    }
    const users = await db.from('users').where('email', email)
    assert.lengthOf(users, 1)
    assert.equal((await membershipOf(store, users[0]))?.role, 'member')
  })
})

test.group('Activity log', () => {
  test('invitations, role changes and removals are written to the activity log', async ({
    client,
    assert,
  }) => {
    const { store, owner, members } = await createStore()
    const email = uniqueEmail('invitee')
    await expectStatus(invite(client, owner, email, 'finance'), 302)
    const memberId = await membershipIdOf(store, members.member)
    await expectStatus(
      formAs(client, owner, 'put', `/dashboard/team/${memberId}`, { role: 'finance' }),
      302
    )
    await expectStatus(formAs(client, owner, 'delete', `/dashboard/team/${memberId}`), 302)

    const entries = await withTenant(store, () => recentActivity())
    const find = (action: string) => entries.find((entry) => entry.action === action)
    assert.deepEqual(find('member.invited')?.data, { email, role: 'finance' })
    assert.deepEqual(find('member.role_changed')?.data, {
      email: members.member.email,
      from: 'member',
      to: 'finance',
    })
    assert.deepEqual(find('member.removed')?.data, { email: members.member.email, role: 'finance' })
    assert.equal(find('member.removed')?.actorUserId, owner.id)
  })

  test('an action refused by its domain rule writes no activity', async ({ client, assert }) => {
    const { store, owner } = await createStore()
    const id = await membershipIdOf(store, owner)
    await expectStatus(
      formAs(client, owner, 'put', `/dashboard/team/${id}`, { role: 'admin' }),
      422
    )
    const entries = await withTenant(store, () => recentActivity())
    assert.notInclude(
      entries.map((entry) => entry.action),
      'member.role_changed'
    )
  })
})
