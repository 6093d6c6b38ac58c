import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/mod'
import { Membership, User, issueApiToken, type Role } from '#identity/mod'
import { SuspendStore, recentActivity, withTenant, type TenantSnapshot } from '#tenancy/mod'
import { PASSWORD, createStore, createUser, lastMailTo, linkIn, uniqueEmail } from '#tests/helpers'
import {
  WEB_SESSION_KEY,
  assertOpensDashboard,
  atOnce,
  expectRedirect,
  expectStatus,
  formAs,
  mailedToken,
  membershipIdOf,
  membershipOf,
  pressLinkButton,
  resetThrottle,
  sessionAfter,
  signIn,
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

function invite(client: any, actor: User, email: string, role: Role) {
  return formAs(client, actor, 'post', '/dashboard/invitations', { email, role })
}

/** Invites through the dashboard and returns the token from the mail. */
async function inviteAndReadToken(client: any, actor: User, email: string, role: Role) {
  await expectStatus(invite(client, actor, email, role), 302)
  return mailedToken(email, '/invitations', INVITE_SUBJECT)
}

/** A fresh store whose owner invited a new address as `role`, with the mailed token */
async function storeWithInvitation(client: any, role: Role = 'member') {
  const fixture = await createStore()
  const email = uniqueEmail('invitee')
  const token = await inviteAndReadToken(client, fixture.owner, email, role)
  return { ...fixture, email, token }
}

function acceptAsNewAccount(
  client: any,
  token: string,
  fullName = 'New Member',
  password = PASSWORD
) {
  return pressLinkButton(client, `/invitations/${token}/acceptance`, { fullName, password })
}

/** Accepts as the signed-in `user`, without a form */
function acceptAs(client: any, user: User, token: string) {
  return formAs(client, user, 'post', `/invitations/${token}/acceptance`)
}

test.group('Invitations', (group) => {
  group.each.setup(() => resetThrottle('signUp'))
  group.each.teardown(() => clock.travelTo(null))

  test('an owner invites a new address, which is mailed an invitation link', async (ctx) => {
    const { client, assert } = ctx
    const { store, owner } = await createStore()
    const email = uniqueEmail('invitee')
    await expectRedirect(invite(client, owner, email, 'member'), '/dashboard/team')

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

  test('accepting as a new account creates the user and membership and lands in the store dashboard', async (ctx) => {
    const { client, assert } = ctx
    const { store, email, token } = await storeWithInvitation(client, 'finance')

    const accepted = await expectRedirect(
      acceptAsNewAccount(client, token, 'Fiona Finance'),
      '/dashboard'
    )

    const user = await User.findByOrFail('email', email)
    assert.equal(user.fullName, 'Fiona Finance')
    assert.equal(sessionAfter(accepted)[WEB_SESSION_KEY], user.id)
    const membership = await membershipOf(store, user)
    assert.equal(membership?.role, 'finance')

    const rows = await invitationsFor(store, email)
    assert.isNotNull(rows[0].accepted_at)

    await assertOpensDashboard(client, accepted, store.name)
  })

  test('accepting with a short password is refused with 422 and creates nothing', async (ctx) => {
    const { client, assert } = ctx
    const { email, token } = await storeWithInvitation(client, 'member')
    const response = await expectStatus(acceptAsNewAccount(client, token, 'Shorty', 'short'), 422)
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

  test('inviting someone who is already a member is refused with 422', async (ctx) => {
    const { client, assert } = ctx
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

  test('an existing account accepts while signed in, without a form', async (ctx) => {
    const { client, assert } = ctx
    const { store, owner } = await createStore()
    const existing = await createUser(uniqueEmail('existing'))
    const token = await inviteAndReadToken(client, owner, existing.email, 'admin')

    const page = await client.get(`/invitations/${token}`).loginAs(existing)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'name="password"')

    const accepted = await expectRedirect(acceptAs(client, existing, token), '/dashboard')
    assert.equal(sessionAfter(accepted).currentTenantId, store.id)
    const membership = await membershipOf(store, existing)
    assert.equal(membership?.role, 'admin')
  })

  test('an existing account cannot accept by creating a second account', async (ctx) => {
    const { client, assert } = ctx
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

  test('someone signed in with another address cannot accept the invitation', async (ctx) => {
    const { client, assert } = ctx
    const { store, token } = await storeWithInvitation(client, 'member')
    const stranger = await createUser(uniqueEmail('stranger'))

    await expectStatus(acceptAs(client, stranger, token), 403)
    assert.isNull(await membershipOf(store, stranger))
    await expectStatus(client.get(`/invitations/${token}`), 200)
  })

  test('a made-up invitation token is not found', async ({ client }) => {
    await expectStatus(client.get('/invitations/not-a-real-token'), 404)
  })

  test('an account whose address is not confirmed cannot accept an invitation', async (ctx) => {
    const { client, assert } = ctx
    const { store, owner } = await createStore()
    const unconfirmed = await createUser(uniqueEmail('unconfirmed'), 'Una', { verified: false })
    const token = await inviteAndReadToken(client, owner, unconfirmed.email, 'admin')

    const response = await expectStatus(acceptAs(client, unconfirmed, token), 403)
    response.assertTextIncludes('Confirm your email address before accepting')
    assert.isNull(await membershipOf(store, unconfirmed))
  })

  test('a suspended store refuses invitation acceptances with 423 and creates nothing', async (ctx) => {
    const { client, assert } = ctx
    const { store, email, token } = await storeWithInvitation(client, 'member')
    await new SuspendStore().handle(store.slug)

    const response = await acceptAsNewAccount(client, token)
    response.assertStatus(423)
    response.assertTextIncludes('This store is suspended')
    assert.isNull(await User.findBy('email', email))
    assert.isNull((await invitationsFor(store, email))[0].accepted_at)
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

/** `actor` gives `target` (a member of `store`) a new role on the team page */
async function changeRole(
  client: any,
  store: TenantSnapshot,
  actor: User,
  target: User,
  role: Role
) {
  const id = await membershipIdOf(store, target)
  return formAs(client, actor, 'put', `/dashboard/team/${id}`, { role })
}

/** `actor` removes `target` (a member of `store`) on the team page */
async function removeMember(client: any, store: TenantSnapshot, actor: User, target: User) {
  const id = await membershipIdOf(store, target)
  return formAs(client, actor, 'delete', `/dashboard/team/${id}`)
}

/** `actor` hands the ownership of the current store to `target` (a member of `store`) */
async function transferOwnership(client: any, store: TenantSnapshot, actor: User, target: User) {
  const membershipId = await membershipIdOf(store, target)
  return formAs(client, actor, 'post', '/dashboard/ownership-transfer', { membershipId })
}

test.group('Roles and removal', (group) => {
  group.each.setup(() => resetThrottle('signUp'))

  test('an owner changes a member to finance', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    await expectStatus(changeRole(client, store, owner, members.member, 'finance'), 302)
    assert.equal(await roleOf(store, members.member), 'finance')
  })

  /** [behaviour, who asks, whose role (everyone holds the role they are named by), new role] */
  const refusedRoleChanges: [string, Role, Role, Role][] = [
    ['an admin cannot promote anyone to owner', 'admin', 'member', 'owner'],
    ['an admin cannot promote themselves to owner', 'admin', 'admin', 'owner'],
    ['an admin cannot demote the owner', 'admin', 'owner', 'member'],
    ['a member cannot change roles', 'member', 'member', 'admin'],
  ]
  for (const [behaviour, actor, target, role] of refusedRoleChanges) {
    test(behaviour, async ({ client, assert }) => {
      const { store, members } = await createStore()
      await expectStatus(changeRole(client, store, members[actor], members[target], role), 403)
      assert.equal(await roleOf(store, members[target]), target, 'the role is unchanged')
    })
  }

  test('the last owner cannot be demoted', async ({ client, assert }) => {
    const { store, owner } = await createStore()
    const response = await expectStatus(changeRole(client, store, owner, owner, 'admin'), 422)
    response.assertTextIncludes('The last owner cannot be demoted')
    assert.equal(await roleOf(store, owner), 'owner')
  })

  test('the last owner cannot leave the store', async ({ client, assert }) => {
    const { store, owner } = await createStore()
    const refused = await expectStatus(removeMember(client, store, owner, owner), 422)
    refused.assertTextIncludes('The last owner cannot be removed')
    assert.equal(await roleOf(store, owner), 'owner')
  })

  test('one of two owners can be demoted', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    await makeOwner(store, members.admin)
    await expectStatus(changeRole(client, store, members.admin, owner, 'admin'), 302)
    assert.equal(await roleOf(store, owner), 'admin')
  })

  test('an owner transfers ownership: the target becomes owner and the actor admin', async (ctx) => {
    const { client, assert } = ctx
    const { store, owner, members } = await createStore()
    await expectStatus(transferOwnership(client, store, owner, members.finance), 302)
    assert.equal(await roleOf(store, members.finance), 'owner')
    assert.equal(await roleOf(store, owner), 'admin')
  })

  test('an admin cannot transfer ownership', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    await expectStatus(transferOwnership(client, store, members.admin, members.admin), 403)
    assert.equal(await roleOf(store, members.admin), 'admin')
    assert.equal(await roleOf(store, owner), 'owner')
  })

  test('ownership cannot be transferred to a member of another store', async (ctx) => {
    const { client, assert } = ctx
    const { store, owner } = await createStore()
    const other = await createStore()
    await expectStatus(transferOwnership(client, other.store, owner, other.members.member), 404)
    assert.equal(await roleOf(store, owner), 'owner')
    assert.equal(await roleOf(other.store, other.members.member), 'member')
  })

  test('a member can leave the store', async ({ client, assert }) => {
    const { store, members } = await createStore()
    await expectRedirect(removeMember(client, store, members.member, members.member), '/dashboard')
    assert.isNull(await membershipOf(store, members.member))

    const after = client.get('/dashboard').loginAs(members.member).redirects(0)
    await expectRedirect(after, '/stores/new')
  })

  test('an owner removes a member', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    await expectRedirect(removeMember(client, store, owner, members.finance), '/dashboard/team')
    assert.isNull(await membershipOf(store, members.finance))
  })

  /** [behaviour, who asks, whom they remove] */
  const refusedRemovals: [string, Role, Role][] = [
    ['a member cannot remove another member', 'member', 'finance'],
    ['an admin cannot remove the owner', 'admin', 'owner'],
  ]
  for (const [behaviour, actor, target] of refusedRemovals) {
    test(behaviour, async ({ client, assert }) => {
      const { store, members } = await createStore()
      await expectStatus(removeMember(client, store, members[actor], members[target]), 403)
      assert.isNotNull(await membershipOf(store, members[target]))
    })
  }

  test("removing a member by another store's membership id is not found", async (ctx) => {
    const { client, assert } = ctx
    const { owner } = await createStore()
    const other = await createStore()
    await expectStatus(removeMember(client, other.store, owner, other.members.member), 404)
    assert.isNotNull(await membershipOf(other.store, other.members.member))
  })

  test("changing the role of another store's member is not found", async ({ client, assert }) => {
    const { owner } = await createStore()
    const other = await createStore()
    await expectStatus(changeRole(client, other.store, owner, other.members.member, 'admin'), 404)
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

  test('removing a member revokes their API tokens for the store, and a new invitation does not bring them back', async (ctx) => {
    const { client, assert } = ctx
    const { store, owner, members } = await createStore()
    const admin = members.admin
    const { plain } = await withTenant(store, async () =>
      issueApiToken(await Membership.findByOrFail('userId', admin.id), {
        name: 'ci',
        abilities: ['store:read'],
      })
    )
    await expectStatus(client.get('/api/v1/store').bearerToken(plain), 200)

    await expectStatus(removeMember(client, store, owner, admin), 302)
    const tokens = await db.from('api_tokens').where('user_id', admin.id)
    assert.isTrue(
      tokens.every((row) => row.revoked_at !== null),
      'every token is revoked'
    )

    const token = await inviteAndReadToken(client, owner, admin.email, 'admin')
    await expectStatus(acceptAs(client, admin, token), 302)
    assert.equal(await roleOf(store, admin), 'admin')
    await expectStatus(client.get('/api/v1/store').bearerToken(plain), 401)
  })

  test("a removed member's open session no longer reaches the store", async ({ client }) => {
    const { store, owner, members } = await createStore()
    const session = sessionAfter(await expectStatus(signIn(client, members.finance.email), 302))
    await expectStatus(client.get('/dashboard').withSession(session).redirects(0), 200)

    await expectStatus(removeMember(client, store, owner, members.finance), 302)

    const after = client.get('/dashboard/team').withSession(session).redirects(0)
    await expectRedirect(after, '/stores/new')
  })
})

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
    test(`${race.name} leaves exactly one owner, and one request is refused with a message`, async (ctx) => {
      const { client, assert } = ctx
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

  test('five acceptances of one invitation at once: exactly one joins, the others get 409 with a message', async (ctx) => {
    const { client, assert } = ctx
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
  test('invitations, role changes and removals are written to the activity log', async (ctx) => {
    const { client, assert } = ctx
    const { store, owner, members } = await createStore()
    const email = uniqueEmail('invitee')
    await expectStatus(invite(client, owner, email, 'finance'), 302)
    await expectStatus(changeRole(client, store, owner, members.member, 'finance'), 302)
    await expectStatus(removeMember(client, store, owner, members.member), 302)

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
    await expectStatus(changeRole(client, store, owner, owner, 'admin'), 422)
    const entries = await withTenant(store, () => recentActivity())
    assert.notInclude(
      entries.map((entry) => entry.action),
      'member.role_changed'
    )
  })
})
