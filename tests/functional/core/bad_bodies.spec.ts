import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createStore, unique, uniqueEmail } from '#tests/helpers'

test.group('Bodies a person or a program gets wrong', () => {
  test('malformed JSON to the API is a 400 with a message, not a 500', async ({
    client,
    assert,
  }) => {
    const { owner } = await createStore()
    const response = await client
      .post('/dashboard/api-tokens')
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(owner)
      .unsafeJson('{"name": "broken", ')
    assert.equal(response.status(), 400)
    assert.isArray(response.body().errors)
    assert.isString(response.body().errors[0].message)
    assert.notExists(await db.from('api_tokens').where('user_id', owner.id).first())
  })

  test('an oversized sign-up form is refused with 413 and creates nothing', async ({
    client,
    assert,
  }) => {
    const email = uniqueEmail('huge')
    const slug = unique('huge')
    const response = await client
      .post('/signup')
      .form({
        fullName: 'x'.repeat(100_000),
        email,
        password: 'long-enough-password',
        storeName: 'Huge',
        slug,
      })
      .withCsrfToken()
    assert.equal(response.status(), 413)
    assert.notExists(await db.from('users').where('email', email).first())
    assert.notExists(await db.from('tenants').where('slug', slug).first())
  })

  test('wrong types in a JSON form submission get field messages and write nothing', async ({
    client,
    assert,
  }) => {
    const { owner } = await createStore()
    const response = await client
      .post('/dashboard/api-tokens')
      .json({ name: ['not', 'a', 'string'], abilities: 'store:read', expiresInDays: 'soon' })
      .header('accept', 'application/json')
      .withCsrfToken()
      .loginAs(owner)
    assert.equal(response.status(), 422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.includeMembers(fields, ['name', 'abilities', 'expiresInDays'])
    assert.notExists(await db.from('api_tokens').where('user_id', owner.id).first())
  })
})
