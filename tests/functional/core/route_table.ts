import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { THROTTLE_POLICIES, type ThrottlePolicy } from '#core/mod'
import { createStore, unique } from '#tests/helpers'
import { resetThrottle } from '#tests/functional/identity/support'

/**
 * What the harnesses that read the route table share: the routes, a URL for
 * each, the actor they send requests as, and the row counts that show
 * whether a request wrote anything.
 */
export interface TableRoute {
  method: string
  pattern: string
  name: string
}

/**
 * Every field name a form or JSON endpoint reads today. A route that starts
 * reading a new field is still sent empty, oversized and odd bodies; add the
 * field here so it is sent a wrong type and every odd value in it too.
 */
export const FORM_FIELDS = [
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
  'defaultCurrency',
  'defaultLocale',
  'tagline',
  'csv',
  'title',
  'handle',
  'description',
  'status',
  'categoryId',
  'tags',
  'trackStock',
  'price',
  'compareAt',
  'cost',
  'sku',
  'stock',
  'options',
  'variants',
  'parentId',
  'direction',
  'position',
  'delta',
  'note',
  'action',
  'ids',
  'shown',
  'all',
  'variantId',
  'quantity',
  'phone',
  'country',
  'city',
  'addressLine1',
  'addressLine2',
  'payment',
  'expectedTotal',
  'orderNumber',
  'notes',
  'shipping',
  'taxRate',
  'pricesIncludeTax',
  'color',
  'assigneeUserId',
  'dueOn',
  'code',
  'kind',
  'percentage',
  'fixedAmount',
  'minimumOrder',
  'startsAt',
  'endsAt',
  'usageLimit',
  'perCustomerLimit',
  'active',
  'returnTo',
  'token',
  'store',
  'archived',
  'secretKey',
  'webhookSecret',
  'plan',
  'key',
  'altText',
]

const READ_METHODS = ['GET', 'HEAD', 'OPTIONS']

/** Per route pattern, the parameters its matchers hold to a UUID (`:product_id`, `:store` of a webhook) */
const uuidParams = new Map<string, Set<string>>()
const UUID_SAMPLE = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b'

function routeTable(): TableRoute[] {
  // Tests are declared before the test server starts, so the route table is
  // committed here (committing again later is a no-op).
  router.commit()
  return Object.values(router.toJSON())
    .flat()
    .flatMap((route) => {
      const matched = Object.entries(route.matchers ?? {})
        .filter(([, matcher]) => matcher.match?.test(UUID_SAMPLE) && !matcher.match.test('x'))
        .map(([param]) => param)
      uuidParams.set(route.pattern, new Set(matched))
      return route.methods.map((method) => ({
        method,
        pattern: route.pattern,
        name: route.name ?? route.pattern,
      }))
    })
}

export function writeRoutes() {
  return routeTable().filter((route) => !READ_METHODS.includes(route.method))
}

export function getRoutes() {
  return routeTable().filter((route) => route.method === 'GET')
}

/** A URL for `pattern`, each parameter filled by `fill` (a fresh id or slug by default). */
export function urlFor(pattern: string, fill?: (param: string) => string) {
  const uuids = uuidParams.get(pattern)
  const isId = (param: string) => param === 'id' || param.endsWith('Id') || uuids?.has(param)
  return pattern.replace(/:(\w+)/g, (_, param: string) =>
    fill ? fill(param) : isId(param) ? randomUUID() : unique(param)
  )
}

/** Row counts of every application table, read past row-level security. */
export async function rowCounts() {
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

/**
 * The owner of a fresh store who is also a platform admin, so every route
 * behind a session lets the request in as far as its input allows.
 */
export async function createActor() {
  const actor = (await createStore()).owner
  actor.isPlatformAdmin = true
  await actor.save()
  return actor
}

/**
 * Empties the rate-limit buckets an `email` field (as the throttle
 * middleware reads it) and an absent one use from the test client's
 * address, so a harness reaches the controllers instead of a 429.
 */
export async function resetThrottlesFor(email: unknown) {
  const subjects = new Set([
    '',
    typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '',
  ])
  const policies = Object.keys(THROTTLE_POLICIES) as ThrottlePolicy[]
  await Promise.all(
    [...subjects].flatMap((subject) => policies.map((policy) => resetThrottle(policy, subject)))
  )
}

/** Frames of a stack trace, or the words of a parser that gave up: nothing a person should read */
const INTERNALS =
  /\n\s+at .+:\d+:\d+|node_modules|node:internal|\.(ts|js):\d+:\d+|Maximum call stack|Unexpected token/

export function leaksInternals(text: string) {
  return INTERNALS.test(text)
}
