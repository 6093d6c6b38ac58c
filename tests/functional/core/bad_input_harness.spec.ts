import { test } from '@japa/runner'
import type { User } from '#identity/mod'
import {
  FORM_FIELDS,
  createActor,
  resetThrottlesFor,
  rowCounts,
  urlFor,
  writeRoutes,
} from './route_table.js'

const WRONG_TYPES = Object.fromEntries(FORM_FIELDS.map((field) => [field, { nested: [field] }]))
const OVERSIZED = { name: 'x'.repeat(300 * 1024) }

test.group('Bad input harness: every write route', (group) => {
  let actor: User

  group.setup(async () => {
    actor = await createActor()
  })

  const bodies = [
    { label: 'an empty body', json: {}, expect: [400, 401, 403, 404, 410, 413, 422, 429] },
    { label: 'wrong types in every field', json: WRONG_TYPES, expect: [400, 401, 403, 404, 422] },
    { label: 'an oversized body', json: OVERSIZED, expect: [401, 413] },
  ]

  for (const route of writeRoutes()) {
    for (const body of bodies) {
      test(`${route.method} ${route.pattern} (${route.name}) refuses ${body.label}`, async ({
        client,
        assert,
      }) => {
        const before = await rowCounts()
        const url = urlFor(route.pattern)
        await resetThrottlesFor((body.json as { email?: unknown }).email)
        const response = await client
          .request(url, route.method as 'POST')
          .header('accept', 'application/json')
          .json(body.json)
          .withCsrfToken()
          .loginAs(actor)
          .redirects(0)

        if (route.pattern === '/signout') {
          assert.oneOf(response.status(), [200, 302, 413], 'signing out needs no body')
        } else if (route.name === 'billing.portal_sessions.store') {
          // Takes no body: answers as without one (409: the tests run without Stripe keys)
          assert.oneOf(response.status(), [409, 413], response.text().slice(0, 300))
          assert.isString(response.body()?.errors?.[0]?.message)
        } else {
          assert.oneOf(
            response.status(),
            body.expect,
            `${route.method} ${url}: ${response.text().slice(0, 300)}`
          )
          const errors = response.body()?.errors
          assert.isArray(errors, `${route.method} ${url} answered without {errors:[…]}`)
          assert.isString(errors[0].message)
          assert.isAbove(errors[0].message.length, 0)
        }
        assert.deepEqual(await rowCounts(), before, `${route.method} ${url} wrote something`)
      })
    }
  }
})
