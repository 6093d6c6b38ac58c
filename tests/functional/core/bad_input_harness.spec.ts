import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { createStore, unique } from '#tests/helpers'

/**
 * Every field name a form or JSON endpoint reads today. A route that starts
 * reading a new field is still sent an empty body and an oversized one; add
 * the field here so it is sent a wrong type too.
 */
const FIELDS = [
  'fullName',
  'email',
  'password',
  'storeName',
  'slug',
  'blueprint',
  'role',
  'tenantId',
  'membershipId',
  'name',
  'abilities',
  'expiresInDays',
  'confirmSlug',
  'ownerEmail',
]

interface WriteRoute {
  method: string
  pattern: string
  name: string
}

function writeRoutes(): WriteRoute[] {
  // One test per route is declared before the test server starts, so the
  // route table is committed here (committing again later is a no-op).
  router.commit()
  const routes = Object.values(router.toJSON()).flat()
  return routes.flatMap((route) =>
    route.methods
      .filter((method) => !['GET', 'HEAD', 'OPTIONS'].includes(method))
      .map((method) => ({ method, pattern: route.pattern, name: route.name ?? route.pattern }))
  )
}

function urlFor(pattern: string) {
  return pattern.replace(/:(\w+)/g, (_, param: string) =>
    param === 'id' ? randomUUID() : unique(param)
  )
}

/** Row counts of every application table, read past row-level security. */
async function rowCounts() {
  const platform = db.connection('platform')
  const rows = await platform
    .from('pg_tables')
    .where('schemaname', 'public')
    .whereNot('tablename', 'like', 'adonis_schema%')
    .select('tablename')
  const counts: Record<string, number> = {}
  for (const { tablename: table } of rows) {
    const [row] = await platform.from(table).count('* as total')
    counts[table] = Number(row.total)
  }
  return counts
}

const WRONG_TYPES = Object.fromEntries(FIELDS.map((field) => [field, { nested: [field] }]))
const OVERSIZED = { name: 'x'.repeat(300 * 1024) }

test.group('Bad input harness: every write route', (group) => {
  let actor: Awaited<ReturnType<typeof createStore>>['owner']

  group.setup(async () => {
    actor = (await createStore()).owner
    actor.isPlatformAdmin = true
    await actor.save()
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
        const response = await client
          .request(url, route.method as 'POST')
          .header('accept', 'application/json')
          .header(
            'x-forwarded-for',
            `10.${Math.floor(Math.random() * 250)}.0.${Math.floor(Math.random() * 250)}`
          )
          .json(body.json)
          .withCsrfToken()
          .loginAs(actor)
          .redirects(0)

        if (route.pattern === '/signout') {
          assert.oneOf(response.status(), [200, 302, 413], 'signing out needs no body')
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
