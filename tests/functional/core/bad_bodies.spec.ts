import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import type { I18n } from '@adonisjs/i18n'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import { MAX_INPUT_DEPTH } from '#core/mod'
import type { User } from '#identity/mod'
import { createStore } from '#tests/helpers'
import { jsonAs, signUp, signUpForm } from '#tests/functional/identity/support'
import { leaksInternals, rowCounts } from './route_table.js'

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`

interface BadBody {
  label: string
  status: number
  /** The message shown, in the language asked for (English unless `locale`) */
  message?: (i18n: I18n) => string
  /** The fields a JSON answer names */
  fields?: string[]
  locale?: string
  send: (client: ApiClient, owner: User) => PromiseLike<ApiResponse>
}

/** A body sent as JSON by a caller that wants JSON back, as it is written */
function rawJson(client: ApiClient, url: string, body: string) {
  return client.post(url).header('accept', 'application/json').unsafeJson(body).withCsrfToken()
}

const BAD_BODIES: BadBody[] = [
  {
    label: 'malformed JSON to a dashboard form',
    status: 400,
    message: (i18n) => i18n.t('errors.unreadable_body'),
    send: (client, owner) =>
      rawJson(client, '/dashboard/api-tokens', '{"name": "broken", ').loginAs(owner),
  },
  {
    label: 'an oversized sign-up form',
    status: 413,
    message: (i18n) => i18n.t('errors.too_large'),
    send: (client) => signUp(client, signUpForm({ fullName: 'x'.repeat(100_000) })),
  },
  {
    label: 'wrong types in a JSON form submission',
    status: 422,
    fields: ['name', 'abilities', 'expiresInDays'],
    send: (client, owner) =>
      jsonAs(client, owner, 'post', '/dashboard/api-tokens', {
        name: ['not', 'a', 'string'],
        abilities: 'store:read',
        expiresInDays: 'soon',
      }),
  },
  {
    label: 'a NUL byte in a sign-up form',
    status: 422,
    message: (i18n) => i18n.t('errors.unusable_character', { field: i18n.t('fields.fullName') }),
    send: (client) => signUp(client, signUpForm({ fullName: 'Ada\u0000Founder' })),
  },
  {
    label: 'a NUL byte in a sign-up form, in Arabic',
    status: 422,
    locale: 'ar',
    message: (i18n) => i18n.t('errors.unusable_character', { field: i18n.t('fields.storeName') }),
    send: (client) =>
      signUp(client, signUpForm({ storeName: 'متجر\u0000' })).header('accept-language', 'ar'),
  },
  {
    label: 'a NUL byte in a field name',
    status: 422,
    fields: ['\ufffd'],
    send: (client) => rawJson(client, '/signin', '{"\\u0000": "x"}'),
  },
  {
    label: 'a NUL byte in sign-up JSON',
    status: 422,
    fields: ['fullName'],
    send: (client) =>
      rawJson(client, '/signup', JSON.stringify(signUpForm({ fullName: '\u0000' }))),
  },
  {
    label: 'a lone surrogate in JSON',
    status: 422,
    fields: ['email'],
    send: (client) => rawJson(client, '/magic-links', '{"email": "\\ud800@example.test"}'),
  },
  {
    label: 'a JSON object nested 10,000 deep',
    status: 400,
    message: (i18n) => i18n.t('errors.too_deep', { depth: MAX_INPUT_DEPTH }),
    send: (client) => rawJson(client, '/signin', nested(10_000)),
  },
  {
    label: 'a JSON array nested 10,000 deep',
    status: 400,
    message: (i18n) => i18n.t('errors.too_deep', { depth: MAX_INPUT_DEPTH }),
    send: (client) => rawJson(client, '/signup', `${'['.repeat(10_000)}${']'.repeat(10_000)}`),
  },
  {
    label: 'JSON nested just past the limit, answered as a page',
    status: 400,
    message: (i18n) => i18n.t('errors.too_deep', { depth: MAX_INPUT_DEPTH }),
    send: (client) =>
      client
        .post('/signin')
        .unsafeJson(nested(MAX_INPUT_DEPTH + 1))
        .withCsrfToken()
        .redirects(0),
  },
]

test.group('Bodies a person or a program gets wrong', (group) => {
  let owner: User

  group.setup(async () => {
    owner = (await createStore()).owner
  })

  for (const bad of BAD_BODIES) {
    test(`${bad.label}: ${bad.status} with a message, nothing written`, async ({
      client,
      assert,
    }) => {
      const before = await rowCounts()
      const response = await bad.send(client, owner)
      response.assertStatus(bad.status)
      assert.isFalse(leaksInternals(response.text()), response.text().slice(0, 500))

      const errors: { field: string; message: string }[] | undefined = response.body()?.errors
      if (bad.message) {
        const expected = bad.message(i18nManager.locale(bad.locale ?? 'en'))
        if (errors) assert.equal(errors[0].message, expected)
        else assert.include(response.text(), expected)
      }
      if (bad.fields) {
        assert.includeMembers(errors?.map((error) => error.field) ?? [], bad.fields)
      }
      assert.deepEqual(await rowCounts(), before, 'nothing is written')
    })
  }
})
