import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/mod'
import { Membership, User, type Role } from '#identity/mod'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import { PASSWORD, createStore, createUser, lastMailTo, linkIn, uniqueEmail } from '#tests/helpers'
import { WEB_SESSION_KEY, expectStatus, resetThrottle, sessionAfter } from './support.js'

const INVITE_SUBJECT = /invited/

function membershipOf(store: TenantSnapshot, user: User) {
  return withTenant(store, async () => await Membership.findBy('userId', user.id))
}

async function roleOf(store: TenantSnapshot, user: User) {
  const membership = await membershipOf(store, user)
  return membership?.role ?? null
}

async function membershipIdOf(store: TenantSnapshot, user: User) {
  const membership = await membershipOf(store, user)
  if (!membership) throw new Error(`${user.email} is not a member`)
  return membership.id
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
  const mail = await lastMailTo(email, { subject: INVITE_SUBJECT })
  if (!mail) throw new Error(`no invitation mail reached ${email}`)
  const token = linkIn(mail.text, '/invitations')
  if (!token) throw new Error(`no /invitations/<token> link in: ${mail.text}`)
  return token
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
    const { store, owner } = await createStore()
    const email = uniqueEmail('invitee')
    const token = await inviteAndReadToken(client, owner, email, 'finance')

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
    const { store, owner } = await createStore()
    const email = uniqueEmail('invitee')
    const token = await inviteAndReadToken(client, owner, email, 'finance')

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
    const { owner } = await createStore()
    const email = uniqueEmail('invitee')
    const token = await inviteAndReadToken(client, owner, email, 'member')
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
    await expectStatus(acceptAsNewAccount(client, token), 404)
  })

  test('an invitation older than 7 days is not found', async ({ client, assert }) => {
    const { owner } = await createStore()
    const email = uniqueEmail('invitee')
    const token = await inviteAndReadToken(client, owner, email, 'member')

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
    const { store, owner } = await createStore()
    const email = uniqueEmail('invitee')
    const token = await inviteAndReadToken(client, owner, email, 'member')
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
})

test.group('Roles and removal', () => {
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
})
