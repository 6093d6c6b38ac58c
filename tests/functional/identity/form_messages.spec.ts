import { test } from '@japa/runner'
import { createStore, createUser, unique, uniqueEmail } from '#tests/helpers'
import { confirmationToken, formAs, membershipIdOf } from './support.js'

test.group('Form messages', () => {
  test('an unknown token ability is reported beside the abilities field', async ({ client }) => {
    const { owner } = await createStore()
    const response = await client
      .post('/dashboard/api-tokens')
      .form({ 'name': 'ci', 'abilities[]': 'store:destroy' })
      .withCsrfToken()
      .loginAs(owner)
    response.assertStatus(422)
    response.assertTextIncludes('<p class="error">Choose one of the listed options')
  })

  test('an API client creating a token gets the token as JSON', async ({ client, assert }) => {
    const { owner } = await createStore()
    const response = await client
      .post('/dashboard/api-tokens')
      .json({ name: 'ci', abilities: ['store:read'], expiresInDays: 30 })
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(owner)
    response.assertStatus(201)
    assert.match(response.body().data.token, /^bzr_/)
    assert.deepEqual(response.body().data.abilities, ['store:read'])
    const api = await client.get('/api/v1/store').bearerToken(response.body().data.token)
    api.assertStatus(200)
  })

  test('validation messages follow the page language', async ({ client }) => {
    const response = await client
      .post('/signup?lang=ar')
      .form({
        fullName: 'Ali',
        email: uniqueEmail(),
        password: 'short',
        storeName: 'Souq',
        slug: unique('ar'),
      })
      .withCsrfToken()
    response.assertStatus(422)
    response.assertTextIncludes('يحتاج إلى 10 أحرف على الأقل')
    response.assertTextIncludes('dir="rtl"')
  })

  test('a malformed member id on ownership transfer gets a translated message', async ({
    client,
  }) => {
    const { owner } = await createStore()
    const response = await client
      .post('/dashboard/ownership-transfer')
      .form({ membershipId: 'nope' })
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(owner)
    response.assertStatus(422)
    response.assertBodyContains({
      errors: [{ field: 'membershipId', message: 'Member is not a valid identifier' }],
    })
  })

  test('a refusal by a team rule follows the page language', async ({ client }) => {
    const { store, owner } = await createStore()
    const id = await membershipIdOf(store, owner)
    const response = await formAs(client, owner, 'put', `/dashboard/team/${id}?lang=ar`, {
      role: 'admin',
    })
    response.assertStatus(422)
    response.assertTextIncludes('لا يمكن خفض دور آخر مالك')
  })

  test('the page a confirmation link opens is in Arabic with ?lang=ar', async ({ client }) => {
    const user = await createUser(uniqueEmail('ar'), 'Ali', { verified: false })
    await client.post('/email-verifications').form({ email: user.email }).withCsrfToken()
    const token = await confirmationToken(user.email)
    const page = await client.get(`/email-verifications/${token}?lang=ar`)
    page.assertStatus(200)
    page.assertTextIncludes('أكّد عنوان بريدك')
    page.assertTextIncludes('dir="rtl"')
  })
})
