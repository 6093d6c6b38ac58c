import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/mod'
import { PASSWORD, createStore, createUser, mailsTo, uniqueEmail } from '#tests/helpers'
import {
  WEB_SESSION_KEY,
  assertOpensDashboard,
  dashboardAfter,
  expectRedirect,
  expectStatus,
  formAs,
  isSignedIn,
  redeemMagicLink as redeem,
  requestMagicLink,
  sessionAfter,
  signIn,
} from './support.js'

/** A fresh store's owner, who asked for a magic link, with its token */
async function ownerWithMagicLink(client: any) {
  const fixture = await createStore()
  return { ...fixture, token: await requestMagicLink(client, fixture.owner.email) }
}

/** Asserts that `response` is refused with 422, the one sign-in refusal, and signs nobody in */
function assertSignInRefused(assert: any, response: any) {
  response.assertStatus(422)
  response.assertTextIncludes('That email and password do not match an account')
  assert.isFalse(isSignedIn(response))
}

test.group('Password sign-in', () => {
  test('a member signs in with email and password and lands on the dashboard', async (ctx) => {
    const { client, assert } = ctx
    const { owner, store } = await createStore()
    const response = await expectRedirect(signIn(client, owner.email), '/dashboard')
    assert.equal(sessionAfter(response)[WEB_SESSION_KEY], owner.id)
    await assertOpensDashboard(client, response, store.name)
  })

  test('the email is matched case-insensitively', async ({ client }) => {
    const { owner } = await createStore()
    await expectStatus(signIn(client, `  ${owner.email.toUpperCase()} `), 302)
  })

  test('a wrong password is refused with 422, a message and no session', async (ctx) => {
    const { client, assert } = ctx
    const { owner } = await createStore()
    const response = await signIn(client, owner.email, 'not-the-password')
    assertSignInRefused(assert, response)
    assert.notInclude(response.text(), 'not-the-password')
  })

  test('an unknown email gets the same refusal as a wrong password', async ({ client, assert }) => {
    assertSignInRefused(assert, await signIn(client, uniqueEmail('nobody')))
  })

  test('a sign-in with missing fields is refused with 422', async ({ client, assert }) => {
    const response = await client.post('/signin').form({ email: '' }).withCsrfToken().redirects(0)
    response.assertStatus(422)
    assert.isFalse(isSignedIn(response))
  })

  test('a sign-in without a CSRF token is refused', async ({ client, assert }) => {
    const { owner } = await createStore()
    const response = await client
      .post('/signin')
      .form({ email: owner.email, password: PASSWORD })
      .redirects(0)
    assert.notEqual(response.status(), 302)
    assert.isFalse(isSignedIn(response))
  })

  test('the 11th rapid sign-in for one email is throttled with 429 and Retry-After', async (ctx) => {
    const { client, assert } = ctx
    const email = uniqueEmail('throttled')
    await createUser(email)
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await signIn(client, email, 'wrong-password')
      assert.equal(response.status(), 422, `attempt ${attempt} should still be answered`)
    }
    const blocked = await expectStatus(signIn(client, email), 429)
    const retryAfter = Number(blocked.header('retry-after'))
    assert.isAbove(retryAfter, 0)
    assert.isAtMost(retryAfter, 60)
    assert.isFalse(isSignedIn(blocked), 'even the right password is refused while throttled')
  })

  test('throttling one email does not block another', async ({ client, assert }) => {
    const email = uniqueEmail('throttled')
    for (let attempt = 1; attempt <= 11; attempt++) {
      await client.post('/signin').form({ email, password: 'wrong-password' }).withCsrfToken()
    }
    const { owner } = await createStore()
    const response = await expectStatus(signIn(client, owner.email), 302)
    assert.isTrue(isSignedIn(response))
  })
})

test.group('Magic links', (group) => {
  group.each.teardown(() => clock.travelTo(null))

  test('an existing account is mailed a link that signs in once and lands on the dashboard', async (ctx) => {
    const { client, assert } = ctx
    const { owner, store, token } = await ownerWithMagicLink(client)

    const page = await client.get(`/magic-links/${token}`).redirects(0)
    page.assertStatus(200)
    page.assertTextIncludes(`action="/magic-links/${token}/session"`)
    assert.isFalse(isSignedIn(page), 'opening the link signs nobody in')

    const redeemed = await expectRedirect(redeem(client, token), '/dashboard')
    assert.equal(sessionAfter(redeemed)[WEB_SESSION_KEY], owner.id)
    await assertOpensDashboard(client, redeemed, store.name)
  })

  test('a magic link used a second time is gone (410) and signs nobody in', async (ctx) => {
    const { client, assert } = ctx
    const { token } = await ownerWithMagicLink(client)
    await expectStatus(redeem(client, token), 302)

    const again = await redeem(client, token)
    again.assertStatus(410)
    again.assertTextIncludes('expired or was already used')
    assert.isFalse(isSignedIn(again))
  })

  test('a magic link older than 15 minutes is gone (410)', async ({ client, assert }) => {
    const { owner, token } = await ownerWithMagicLink(client)

    clock.travelTo(DateTime.utc().plus({ minutes: 16 }))
    await expectStatus(client.get(`/magic-links/${token}`).redirects(0), 410)
    const late = await redeem(client, token)
    late.assertStatus(410)
    assert.isFalse(isSignedIn(late))

    clock.travelTo(null)
    const row = await db.from('login_tokens').where('user_id', owner.id).first()
    assert.isNull(row.used_at, 'an expired link is not marked as used')
  })

  test('a magic link still works just before it expires', async ({ client }) => {
    const { token } = await ownerWithMagicLink(client)
    clock.travelTo(DateTime.utc().plus({ minutes: 14 }))
    const response = await redeem(client, token)
    response.assertStatus(302)
  })

  test('a made-up magic link is not found (404), whether opened or pressed', async (ctx) => {
    const { client, assert } = ctx
    await expectStatus(client.get('/magic-links/not-a-real-token').redirects(0), 404)
    const pressed = await redeem(client, 'not-a-real-token')
    pressed.assertStatus(404)
    assert.isFalse(isSignedIn(pressed))
  })

  test('opening a magic link, as mail scanners and link previews do (HEAD, GET), spends nothing', async (ctx) => {
    const { client, assert } = ctx
    const { owner, token } = await ownerWithMagicLink(client)

    await expectStatus(client.head(`/magic-links/${token}`).redirects(0), 200)
    await expectStatus(client.get(`/magic-links/${token}`).redirects(0), 200)
    await expectStatus(client.get(`/magic-links/${token}`).redirects(0), 200)
    const row = await db.from('login_tokens').where('user_id', owner.id).firstOrFail()
    assert.isNull(row.used_at, 'only the button spends the link')

    const redeemed = await redeem(client, token)
    redeemed.assertStatus(302)
    assert.equal(sessionAfter(redeemed)[WEB_SESSION_KEY], owner.id)
  })

  test('the sign-in button needs the CSRF token of the page it is on', async (ctx) => {
    const { client, assert } = ctx
    const { token } = await ownerWithMagicLink(client)
    const forged = await client.post(`/magic-links/${token}/session`).redirects(0)
    assert.notEqual(forged.status(), 302)
    assert.isFalse(isSignedIn(forged))
    await expectStatus(redeem(client, token), 302)
  })

  test('an unknown email gets the same "check your email" page and no mail', async (ctx) => {
    const { client, assert } = ctx
    const { owner } = await createStore()
    const known = await client.post('/magic-links').form({ email: owner.email }).withCsrfToken()
    const nobody = uniqueEmail('nobody')
    const unknown = await client.post('/magic-links').form({ email: nobody }).withCsrfToken()

    known.assertStatus(200)
    unknown.assertStatus(200)
    unknown.assertTextIncludes('Check your email')
    const strip = (html: string) =>
      html.replace(
        /name='_csrf' value='[^']*'|"x-csrf-token":\s*"[^"]*"|value="[A-Za-z0-9_-]{20,}"/g,
        ''
      )
    assert.equal(strip(unknown.text()), strip(known.text()), 'the pages do not tell them apart')
    assert.lengthOf(await mailsTo(nobody), 0)
    const users = await db.from('users').where('email', nobody)
    assert.lengthOf(users, 0, 'asking for a link creates no account')
  })

  test('a malformed email for a magic link is refused with 422', async ({ client }) => {
    const response = await client
      .post('/magic-links')
      .form({ email: 'not-an-email' })
      .withCsrfToken()
    response.assertStatus(422)
    response.assertTextIncludes('Enter a valid email address')
  })
})

test.group('Sign-out', () => {
  test('signing out ends the session', async ({ client, assert }) => {
    const { owner } = await createStore()
    const response = await expectRedirect(formAs(client, owner, 'post', '/signout'), '/')
    assert.isFalse(isSignedIn(response))
    await expectRedirect(dashboardAfter(client, response), '/signin')
  })

  test('the dashboard sends visitors who are not signed in to the sign-in page', async (ctx) => {
    const { client } = ctx
    await expectRedirect(client.get('/dashboard').redirects(0), '/signin')
  })
})
