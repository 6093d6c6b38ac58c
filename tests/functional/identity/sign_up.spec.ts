import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { Membership, User } from '#identity/mod'
import { BLUEPRINT_NAMES, withTenant } from '#tenancy/mod'
import Tenant from '#tenancy/models/tenant'
import {
  assertOpensDashboard,
  confirmAddress,
  confirmationToken,
  expectRedirect,
  expectStatus,
  isSignedIn,
  mailedToken,
  signUp,
  signUpForm as validSignUp,
} from './support.js'
import { PASSWORD, createStore, createUser, lastMailTo, unique } from '#tests/helpers'

/** What a page looks like once its CSRF token is taken out */
function withoutCsrf(html: string) {
  return html.replace(/name='_csrf' value='[^']*'|"x-csrf-token":\s*"[^"]*"/g, '')
}

async function tenantExists(slug: string) {
  return Boolean(await db.from('tenants').where('slug', slug).first())
}

async function userExists(email: string) {
  return Boolean(await db.from('users').where('email', email.toLowerCase()).first())
}

test.group('Sign-up', () => {
  test('sign-up creates the store, its unconfirmed owner and the membership, and asks to check the email', async (ctx) => {
    const { client, assert } = ctx
    const input = validSignUp({ blueprint: undefined })
    const response = await signUp(client, input)
    response.assertStatus(200)
    response.assertTextIncludes('Check your email')
    assert.isFalse(isSignedIn(response), 'nobody is signed in before the address is confirmed')

    const tenant = await Tenant.findByOrFail('slug', input.slug)
    assert.equal(tenant.name, input.storeName)
    const user = await User.findByOrFail('email', input.email)
    assert.equal(user.fullName, input.fullName)
    assert.notEqual(user.password, PASSWORD, 'the password is stored hashed')
    assert.isNull(user.emailVerifiedAt, 'the address is not proven yet')
    const memberships = await withTenant(tenant.toSnapshot(), async () => await Membership.query())
    assert.lengthOf(memberships, 1)
    assert.equal(memberships[0].userId, user.id)
    assert.equal(memberships[0].role, 'owner')
  })

  test('the link in the sign-up mail confirms the address and opens the new store dashboard', async (ctx) => {
    const { client, assert } = ctx
    const input = validSignUp({ storeName: `Shop ${unique()}` })
    await expectStatus(signUp(client, input), 200)
    const token = await confirmationToken(input.email)

    const page = await client.get(`/email-verifications/${token}`).redirects(0)
    page.assertStatus(200)
    page.assertTextIncludes('name="password"')
    const confirmed = await expectRedirect(confirmAddress(client, token, PASSWORD), '/dashboard')
    await assertOpensDashboard(client, confirmed, input.storeName)
    const user = await User.findByOrFail('email', input.email)
    assert.isNotNull(user.emailVerifiedAt)
    assert.isNotNull(user.password, 'the password its owner typed again is kept')
  })

  test('the storefront answers at /s/<slug> right after sign-up, even when it was asked for before', async (ctx) => {
    const { client } = ctx
    const input = validSignUp()
    const before = await client.get(`/s/${input.slug}`)
    before.assertStatus(404)

    await expectStatus(signUp(client, input), 200)

    const after = await client.get(`/s/${input.slug}`)
    after.assertStatus(200)
  })

  test('a blueprint can be chosen at sign-up', async ({ client, assert }) => {
    const blueprint = BLUEPRINT_NAMES[BLUEPRINT_NAMES.length - 1]
    const input = validSignUp({ blueprint })
    const response = await signUp(client, input)
    response.assertStatus(200)
    const tenant = await Tenant.findByOrFail('slug', input.slug)
    assert.equal(tenant.blueprint, blueprint)
  })

  test('the email and slug are normalised to lower case', async ({ client, assert }) => {
    const input = validSignUp()
    const shouted = { ...input, email: input.email.toUpperCase(), slug: input.slug.toUpperCase() }
    await expectStatus(signUp(client, shouted), 200)
    assert.isTrue(await tenantExists(input.slug))
    assert.isTrue(await userExists(input.email))
  })
})

test.group('Sign-up with bad input', () => {
  /** [what is wrong, the fields that make it wrong, the message shown beside the field] */
  const cases: [string, Record<string, unknown>, string][] = [
    ['a missing full name', { fullName: undefined }, 'Full name is required'],
    ['a missing email', { email: undefined }, 'Email is required'],
    ['a missing password', { password: undefined }, 'Password is required'],
    ['a missing store name', { storeName: undefined }, 'Store name is required'],
    ['a missing slug', { slug: undefined }, 'Store address is required'],
    ['a malformed email', { email: 'not-an-email' }, 'Enter a valid email address'],
    [
      'a password shorter than 10 characters',
      { password: 'short1234' },
      'Password needs at least 10 characters',
    ],
    ['a reserved slug', { slug: 'admin' }, 'is reserved; choose another'],
    [
      'a slug with upper case and spaces',
      { slug: 'A b' },
      'Use 3 to 40 lowercase letters, digits or hyphens, starting with a letter',
    ],
    [
      'a store name over 120 characters',
      { storeName: 'x'.repeat(121) },
      'Store name can have at most 120 characters',
    ],
    [
      'an unknown blueprint',
      { blueprint: 'no-such-blueprint' },
      'Choose one of the listed options',
    ],
  ]

  for (const [wrong, overrides, message] of cases) {
    test(`sign-up with ${wrong} is refused with 422 and writes nothing`, async (ctx) => {
      const { client, assert } = ctx
      const base = validSignUp()
      const input: Record<string, unknown> = { ...base, ...overrides }
      for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key]

      const response = await expectStatus(signUp(client, input), 422)
      assert.include(response.text(), message)
      assert.notInclude(response.text(), PASSWORD, 'the password is never echoed back')

      assert.isFalse(await tenantExists(String(base.slug)), 'no tenant was created')
      assert.isFalse(await userExists(String(base.email)), 'no user was created')
    })
  }

  test('sign-up with a slug another store has taken is refused with 422 and writes nothing', async (ctx) => {
    const { client, assert } = ctx
    const { store } = await createStore()
    const input = validSignUp({ slug: store.slug })
    const response = await expectStatus(signUp(client, input), 422)
    assert.include(response.text(), 'is already taken')
    assert.isFalse(await userExists(input.email), 'the user was rolled back with the tenant')
    const tenants = await db.from('tenants').where('slug', store.slug)
    assert.lengthOf(tenants, 1)
  })

  test('sign-up with the address of an existing account answers exactly like a new sign-up, creates nothing and mails the owner', async (ctx) => {
    const { client, assert } = ctx
    const existing = await createUser()
    const taken = validSignUp({ email: existing.email.toUpperCase() })
    const fresh = validSignUp()
    const [forTaken, forFresh] = [await signUp(client, taken), await signUp(client, fresh)]

    assert.equal(forTaken.status(), forFresh.status())
    assert.equal(withoutCsrf(forTaken.text()), withoutCsrf(forFresh.text()), 'same page')
    assert.isFalse(await tenantExists(taken.slug), 'no store was created for the taken address')
    assert.lengthOf(await db.from('users').where('email', existing.email), 1)
    const mail = await lastMailTo(existing.email, { subject: /already have a Bazaar account/ })
    assert.exists(mail, 'the owner of the address is told')
    assert.include(mail!.text, '/signin')
  })

  test('sign-up with the address of an unconfirmed account mails a fresh confirmation link', async (ctx) => {
    const { client, assert } = ctx
    const unconfirmed = await createUser(undefined, undefined, { verified: false })
    await expectStatus(signUp(client, validSignUp({ email: unconfirmed.email })), 200)
    const token = await mailedToken(
      unconfirmed.email,
      '/email-verifications',
      /already have a Bazaar account/
    )
    assert.isString(token)
  })

  test('a refused sign-up keeps what was typed, except the password', async (ctx) => {
    const { client, assert } = ctx
    const input = validSignUp({ slug: 'admin', storeName: `Kept ${unique()}` })
    const response = await expectStatus(signUp(client, input), 422)
    assert.include(response.text(), input.storeName)
    assert.include(response.text(), input.email)
    assert.notInclude(response.text(), PASSWORD)
  })

  test('a JSON sign-up with bad input gets field errors', async ({ client, assert }) => {
    const input = validSignUp({ password: 'short' })
    const response = await expectStatus(
      signUp(client, input).header('accept', 'application/json'),
      422
    )
    const body = response.body()
    assert.isArray(body.errors)
    assert.isTrue(body.errors.some((error: { field: string }) => error.field === 'password'))
    assert.isFalse(await tenantExists(input.slug))
  })
})
