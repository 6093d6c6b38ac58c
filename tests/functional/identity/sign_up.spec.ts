import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { Membership, User } from '#identity/mod'
import { BLUEPRINT_NAMES, withTenant } from '#tenancy/mod'
import Tenant from '#tenancy/models/tenant'
import { sessionAfter } from './support.js'
import { PASSWORD, createStore, createUser, unique, uniqueEmail } from '#tests/helpers'

function validSignUp(overrides: Record<string, unknown> = {}) {
  return {
    fullName: 'Ada Founder',
    email: uniqueEmail('founder'),
    password: PASSWORD,
    storeName: 'Ada Goods',
    slug: unique('shop'),
    ...overrides,
  }
}

async function tenantExists(slug: string) {
  return Boolean(await db.from('tenants').where('slug', slug).first())
}

async function userExists(email: string) {
  return Boolean(await db.from('users').where('email', email.toLowerCase()).first())
}

test.group('Sign-up', () => {
  test('sign-up creates the user, the store and the owner membership, then lands on the dashboard', async ({
    client,
    assert,
  }) => {
    const input = validSignUp({ blueprint: undefined })
    const response = await client.post('/signup').form(input).withCsrfToken().redirects(0)
    response.assertStatus(302)
    assert.equal(response.header('location'), '/dashboard')

    const tenant = await Tenant.findByOrFail('slug', input.slug)
    assert.equal(tenant.name, input.storeName)
    const user = await User.findByOrFail('email', input.email)
    assert.equal(user.fullName, input.fullName)
    assert.notEqual(user.password, PASSWORD, 'the password is stored hashed')
    const memberships = await withTenant(tenant.toSnapshot(), async () => await Membership.query())
    assert.lengthOf(memberships, 1)
    assert.equal(memberships[0].userId, user.id)
    assert.equal(memberships[0].role, 'owner')
  })

  test('the new owner is signed in and the dashboard shows the new store', async ({ client }) => {
    const input = validSignUp({ storeName: `Shop ${unique()}` })
    const signUp = await client.post('/signup').form(input).withCsrfToken().redirects(0)
    signUp.assertStatus(302)
    const dashboard = await client.get('/dashboard').withSession(sessionAfter(signUp)).redirects(0)
    dashboard.assertStatus(200)
    dashboard.assertTextIncludes(input.storeName)
  })

  test('the storefront answers at /s/<slug> right after sign-up, even when it was asked for before', async ({
    client,
  }) => {
    const input = validSignUp()
    const before = await client.get(`/s/${input.slug}`)
    before.assertStatus(404)

    const signUp = await client.post('/signup').form(input).withCsrfToken().redirects(0)
    signUp.assertStatus(302)

    const after = await client.get(`/s/${input.slug}`)
    after.assertStatus(200)
  })

  test('a blueprint can be chosen at sign-up', async ({ client, assert }) => {
    const blueprint = BLUEPRINT_NAMES[BLUEPRINT_NAMES.length - 1]
    const input = validSignUp({ blueprint })
    const response = await client.post('/signup').form(input).withCsrfToken().redirects(0)
    response.assertStatus(302)
    const tenant = await Tenant.findByOrFail('slug', input.slug)
    assert.equal(tenant.blueprint, blueprint)
  })

  test('the email and slug are normalised to lower case', async ({ client, assert }) => {
    const input = validSignUp()
    const response = await client
      .post('/signup')
      .form({ ...input, email: input.email.toUpperCase(), slug: input.slug.toUpperCase() })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.isTrue(await tenantExists(input.slug))
    assert.isTrue(await userExists(input.email))
  })
})

test.group('Sign-up with bad input', () => {
  const cases: {
    name: string
    overrides: (input: Record<string, unknown>) => Record<string, unknown>
    message: string
  }[] = [
    {
      name: 'a missing full name',
      overrides: () => ({ fullName: undefined }),
      message: 'Full name is required',
    },
    {
      name: 'a missing email',
      overrides: () => ({ email: undefined }),
      message: 'Email is required',
    },
    {
      name: 'a missing password',
      overrides: () => ({ password: undefined }),
      message: 'Password is required',
    },
    {
      name: 'a missing store name',
      overrides: () => ({ storeName: undefined }),
      message: 'Store name is required',
    },
    {
      name: 'a missing slug',
      overrides: () => ({ slug: undefined }),
      message: 'Store address is required',
    },
    {
      name: 'a malformed email',
      overrides: () => ({ email: 'not-an-email' }),
      message: 'Enter a valid email address',
    },
    {
      name: 'a password shorter than 10 characters',
      overrides: () => ({ password: 'short1234' }),
      message: 'Password needs at least 10 characters',
    },
    {
      name: 'a reserved slug',
      overrides: () => ({ slug: 'admin' }),
      message: 'is reserved; choose another',
    },
    {
      name: 'a slug with upper case and spaces',
      overrides: () => ({ slug: 'A b' }),
      message: 'Use 3 to 40 lowercase letters, digits or hyphens, starting with a letter',
    },
    {
      name: 'a store name over 120 characters',
      overrides: () => ({ storeName: 'x'.repeat(121) }),
      message: 'Store name can have at most 120 characters',
    },
    {
      name: 'an unknown blueprint',
      overrides: () => ({ blueprint: 'no-such-blueprint' }),
      message: 'Choose one of the listed options',
    },
  ]

  for (const testCase of cases) {
    test(`sign-up with ${testCase.name} is refused with 422 and writes nothing`, async ({
      client,
      assert,
    }) => {
      const base = validSignUp()
      const input: Record<string, unknown> = { ...base, ...testCase.overrides(base) }
      for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key]

      const response = await client.post('/signup').form(input).withCsrfToken().redirects(0)
      response.assertStatus(422)
      assert.include(response.text(), testCase.message)
      assert.notInclude(response.text(), PASSWORD, 'the password is never echoed back')

      assert.isFalse(await tenantExists(String(base.slug)), 'no tenant was created')
      assert.isFalse(await userExists(String(base.email)), 'no user was created')
    })
  }

  test('sign-up with a slug another store has taken is refused with 422 and writes nothing', async ({
    client,
    assert,
  }) => {
    const { store } = await createStore()
    const input = validSignUp({ slug: store.slug })
    const response = await client.post('/signup').form(input).withCsrfToken().redirects(0)
    response.assertStatus(422)
    assert.include(response.text(), 'is already taken')
    assert.isFalse(await userExists(input.email), 'the user was rolled back with the tenant')
    const tenants = await db.from('tenants').where('slug', store.slug)
    assert.lengthOf(tenants, 1)
  })

  test('sign-up with the email of an existing account is refused with 422 and writes nothing', async ({
    client,
    assert,
  }) => {
    const existing = await createUser()
    const input = validSignUp({ email: existing.email.toUpperCase() })
    const response = await client.post('/signup').form(input).withCsrfToken().redirects(0)
    response.assertStatus(422)
    assert.include(response.text(), 'An account with this email already exists')
    assert.isFalse(await tenantExists(input.slug), 'no tenant was created')
    const users = await db.from('users').where('email', existing.email)
    assert.lengthOf(users, 1)
  })

  test('a refused sign-up keeps what was typed, except the password', async ({
    client,
    assert,
  }) => {
    const input = validSignUp({ slug: 'admin', storeName: `Kept ${unique()}` })
    const response = await client.post('/signup').form(input).withCsrfToken().redirects(0)
    response.assertStatus(422)
    assert.include(response.text(), input.storeName)
    assert.include(response.text(), input.email)
    assert.notInclude(response.text(), PASSWORD)
  })

  test('a JSON sign-up with bad input gets field errors', async ({ client, assert }) => {
    const input = validSignUp({ password: 'short' })
    const response = await client
      .post('/signup')
      .header('accept', 'application/json')
      .form(input)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(422)
    const body = response.body()
    assert.isArray(body.errors)
    assert.isTrue(body.errors.some((error: { field: string }) => error.field === 'password'))
    assert.isFalse(await tenantExists(input.slug))
  })
})
