import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { clock } from '#core/mod'
import { Membership, User, issueApiToken } from '#identity/mod'
import { tenantDirectory, withTenant } from '#tenancy/mod'
import { PASSWORD, createUser, mailsTo, uniqueEmail } from '#tests/helpers'
import {
  confirmAddress,
  confirmationToken,
  expectRedirect,
  expectStatus,
  isSignedIn,
  redeemMagicLink,
  requestMagicLink,
  sessionAfter,
  signIn,
  signUp,
  signUpForm,
} from './support.js'

const SOMEONE_ELSES_PASSWORD = 'squatter-horse-battery'

function askForConfirmationLink(client: any, email: string) {
  return client.post('/email-verifications').form({ email }).withCsrfToken().redirects(0)
}

async function reload(user: User) {
  return User.findOrFail(user.id)
}

test.group('Email verification / password sign-in waits for it', () => {
  test('password sign-in to an unconfirmed address is refused with 422, a message and a way to get a new link', async (ctx) => {
    const { client, assert } = ctx
    const unconfirmed = await createUser(uniqueEmail('new'), 'New Person', { verified: false })
    const response = await signIn(client, unconfirmed.email)
    response.assertStatus(422)
    response.assertTextIncludes('Confirm your email address first')
    response.assertTextIncludes('action="/email-verifications"')
    response.assertTextIncludes(`value="${unconfirmed.email}"`)
    assert.isFalse(isSignedIn(response))
  })

  test('a confirmed address signs in with the same password', async ({ client, assert }) => {
    const confirmed = await createUser(uniqueEmail('known'))
    const response = await signIn(client, confirmed.email)
    response.assertStatus(302)
    assert.isTrue(isSignedIn(response))
  })

  test('a wrong password to an unconfirmed address gets the usual refusal, not a hint', async (ctx) => {
    const { client, assert } = ctx
    const unconfirmed = await createUser(uniqueEmail('new'), 'New Person', { verified: false })
    const response = await signIn(client, unconfirmed.email, 'not-the-password')
    response.assertStatus(422)
    response.assertTextIncludes('That email and password do not match an account')
    assert.notInclude(response.text(), 'Confirm your email address first')
  })

  test('asking for a new link mails one to an unconfirmed address; others get the same page and no mail', async (ctx) => {
    const { client, assert } = ctx
    const unconfirmed = await createUser(uniqueEmail('new'), 'New Person', { verified: false })
    const confirmed = await createUser(uniqueEmail('known'))
    const nobody = uniqueEmail('nobody')

    const pages = [
      await askForConfirmationLink(client, unconfirmed.email),
      await askForConfirmationLink(client, confirmed.email),
      await askForConfirmationLink(client, nobody),
    ]
    for (const page of pages) {
      page.assertStatus(200)
      page.assertTextIncludes('Check your email')
    }
    assert.isString(await confirmationToken(unconfirmed.email))
    assert.lengthOf(await mailsTo(confirmed.email, 0), 0)
    assert.lengthOf(await mailsTo(nobody), 0)
  })

  test('asking for a new link with a malformed address is refused with 422 and a message', async (ctx) => {
    const { client } = ctx
    const response = await askForConfirmationLink(client, 'not-an-email')
    response.assertStatus(422)
    response.assertTextIncludes('Enter a valid email address')
  })
})

test.group('Email verification / the link', (group) => {
  group.each.teardown(() => clock.travelTo(null))

  async function unconfirmedWithLink(client: any) {
    const user = await createUser(uniqueEmail('new'), 'New Person', { verified: false })
    await expectStatus(askForConfirmationLink(client, user.email), 200)
    return { user, token: await confirmationToken(user.email) }
  }

  test('opening a confirmation link (HEAD, GET) spends nothing; its button confirms once', async (ctx) => {
    const { client, assert } = ctx
    const { user, token } = await unconfirmedWithLink(client)
    await expectStatus(client.head(`/email-verifications/${token}`).redirects(0), 200)
    const page = await client.get(`/email-verifications/${token}`).redirects(0)
    page.assertStatus(200)
    page.assertTextIncludes(`action="/email-verifications/${token}/confirmation"`)
    assert.isNull((await reload(user)).emailVerifiedAt, 'opening the link confirms nothing')

    await expectRedirect(confirmAddress(client, token, PASSWORD), '/dashboard')
    assert.isNotNull((await reload(user)).emailVerifiedAt)

    const again = await confirmAddress(client, token)
    again.assertStatus(410)
    again.assertTextIncludes('expired or was already used')
  })

  test('a confirmation link older than 24 hours is gone (410) and confirms nothing', async (ctx) => {
    const { client, assert } = ctx
    const { user, token } = await unconfirmedWithLink(client)
    clock.travelTo(DateTime.utc().plus({ hours: 24, minutes: 1 }))
    await expectStatus(client.get(`/email-verifications/${token}`).redirects(0), 410)
    await expectStatus(confirmAddress(client, token), 410)
    clock.travelTo(null)
    assert.isNull((await reload(user)).emailVerifiedAt)
  })

  test('a made-up confirmation link is not found (404)', async ({ client }) => {
    await expectStatus(client.get('/email-verifications/not-a-real-token').redirects(0), 404)
    await expectStatus(confirmAddress(client, 'not-a-real-token'), 404)
  })

  test('a wrong password on the confirmation page is refused with 422 and spends nothing', async (ctx) => {
    const { client, assert } = ctx
    const { user, token } = await unconfirmedWithLink(client)
    const refused = await confirmAddress(client, token, 'not-the-password')
    refused.assertStatus(422)
    refused.assertTextIncludes('That is not the password of this account')
    assert.isNull((await reload(user)).emailVerifiedAt)
    await expectStatus(confirmAddress(client, token, PASSWORD), 302)
  })

  test('a magic link is also a link of its own kind: it cannot confirm through the verification page', async (ctx) => {
    const { client } = ctx
    const user = await createUser(uniqueEmail('new'), 'New Person', { verified: false })
    const magic = await requestMagicLink(client, user.email)
    await expectStatus(confirmAddress(client, magic), 404)
  })
})

test.group('Email verification / account pre-hijacking', () => {
  test("someone signs up with another person's address first: the owner confirming without that password removes it and ends every earlier session and token", async (ctx) => {
    const { client, assert } = ctx
    const form = signUpForm({ password: SOMEONE_ELSES_PASSWORD })
    await expectStatus(signUp(client, form), 200)
    const account = await User.findByOrFail('email', form.email)
    const store = (await tenantDirectory.findBySlug(form.slug))!
    const { plain } = await withTenant(store, async () =>
      issueApiToken(await Membership.findByOrFail('userId', account.id), {
        name: 'squatter',
        abilities: ['store:read'],
      })
    )
    await expectStatus(client.get('/dashboard').loginAs(account).redirects(0), 200)
    await expectStatus(signIn(client, form.email, SOMEONE_ELSES_PASSWORD), 422)

    const token = await confirmationToken(form.email)
    const page = await client.get(`/email-verifications/${token}`)
    page.assertTextIncludes('If you did not create this account, leave the field empty')
    const confirmed = await confirmAddress(client, token)
    confirmed.assertStatus(302)

    const owned = await reload(account)
    assert.isNotNull(owned.emailVerifiedAt)
    assert.isNull(owned.password, 'the password someone else chose is gone')
    // a session from before is over
    await expectRedirect(client.get('/dashboard').loginAs(account).redirects(0), '/signin')
    await expectStatus(signIn(client, form.email, SOMEONE_ELSES_PASSWORD), 422)
    await expectStatus(client.get('/api/v1/store').bearerToken(plain), 401)

    assert.include(confirmed.flashMessages().notice, 'has been removed')
    await expectStatus(client.get('/dashboard').withSession(sessionAfter(confirmed)), 200)
  })

  test('a magic link proves the address too: it confirms the account and removes a password set before', async (ctx) => {
    const { client, assert } = ctx
    const account = await createUser(uniqueEmail('squatted'), 'Squatted', { verified: false })
    const token = await requestMagicLink(client, account.email)
    await expectStatus(client.get(`/magic-links/${token}`), 200)

    const signedIn = await expectStatus(redeemMagicLink(client, token), 302)
    assert.isTrue(isSignedIn(signedIn))
    const owned = await reload(account)
    assert.isNotNull(owned.emailVerifiedAt)
    assert.isNull(owned.password)
    assert.equal(owned.sessionEpoch, 1, 'every earlier session is over')
  })

  test('a confirmed account keeps its password when it signs in by magic link', async (ctx) => {
    const { client, assert } = ctx
    const account = await createUser(uniqueEmail('known'))
    const token = await requestMagicLink(client, account.email)
    await expectStatus(redeemMagicLink(client, token), 302)
    assert.isNotNull((await reload(account)).password)
    await expectStatus(signIn(client, account.email), 302)
  })
})
