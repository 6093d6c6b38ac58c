import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import { randomBytes } from 'node:crypto'
import { readFile, readdir, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PASSWORD, createStore, uniqueEmail } from '#tests/helpers'
import { signUpForm } from '#tests/functional/identity/support'
import { rowCounts } from './route_table.js'
import { seedProduct } from '#tests/functional/catalog/support'
import { objectsOf } from '#tests/functional/catalog/media_support'

/** Files in the temporary directory holding exactly `payload`: what a processed upload leaves */
async function filesHolding(payload: Buffer) {
  const found: string[] = []
  for (const name of await readdir(tmpdir())) {
    const path = join(tmpdir(), name)
    const info = await stat(path).catch(() => null)
    if (!info?.isFile() || info.size !== payload.length) continue
    if ((await readFile(path).catch(() => null))?.equals(payload)) found.push(path)
  }
  return found
}

/** Public routes, a signed-out caller, and fields each would otherwise accept */
const ROUTES = [
  { label: 'a sign-up form', url: '/signup', fields: () => signUpForm(), json: false },
  {
    label: 'a sign-in form',
    url: '/signin',
    fields: () => ({ email: uniqueEmail('upload'), password: PASSWORD }),
    json: false,
  },
  {
    label: 'an API call (its token not yet checked)',
    url: '/api/v1/tokens/current/rotation',
    fields: () => ({}),
    json: true,
  },
]

test.group('Uploads where no route takes files', () => {
  for (const route of ROUTES) {
    test(`${route.label} with a file attached is refused with 415 and leaves no file`, async ({
      client,
      assert,
    }) => {
      const payload = randomBytes(4096)
      const before = await rowCounts()
      const request = client
        .post(route.url)
        .fields(route.fields())
        .file('avatar', payload, { filename: 'avatar.png' })
        .withCsrfToken()
        .redirects(0)
      const response = await (route.json ? request.header('accept', 'application/json') : request)

      response.assertStatus(415)
      const message = i18nManager.locale('en').t('errors.files_not_accepted')
      if (route.json) assert.equal(response.body().errors[0].message, message)
      else assert.include(response.text(), message)
      assert.deepEqual(await filesHolding(payload), [], 'the file was written to disk')
      assert.deepEqual(await rowCounts(), before, 'nothing is written')
    })
  }
})

test.group('Uploads on the one route that takes files (product media)', () => {
  test('a multipart upload from a signed-out caller, or one without CSRF, is refused before any file is written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const payload = randomBytes(4096)
    const url = `/dashboard/catalog/products/${product.id}/media`
    const before = await rowCounts()
    const signedOut = await client
      .post(url)
      .file('file', payload, { filename: 'photo.png' })
      .withCsrfToken()
      .redirects(0)
    const withoutCsrf = await client
      .post(url)
      .file('file', payload, { filename: 'photo.png' })
      .loginAs(fixture.owner)
      .redirects(0)

    for (const response of [signedOut, withoutCsrf]) {
      assert.oneOf(response.status(), [302, 303, 401, 403])
    }
    assert.deepEqual(await filesHolding(payload), [], 'the file was written to a temporary file')
    assert.deepEqual(await objectsOf(fixture), [], 'the file reached storage')
    assert.deepEqual(await rowCounts(), before, 'nothing is written')
  })
})
