import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { randomBytes, randomUUID } from 'node:crypto'
import { Membership, tokenAbilityNames, issueApiToken } from '#identity/mod'
import {
  MissingTenantContext,
  currentClient,
  ResumeStore,
  SuspendStore,
  withTenant,
} from '#tenancy/mod'
import { createStore, unique, type TestStore } from '#tests/helpers'
import { seedCategory, seedProduct } from '#tests/functional/catalog/support'
import { seedMedia } from '#tests/functional/catalog/media_support'
import { seedProject, seedTask } from '#tests/functional/workspace/support'
import { placeOrder } from '#tests/functional/storefront/orders_support'
import { startImportRun } from '#catalog/services/import_runs'
import { SaveCardPaymentKeys } from '#storefront/operations/card_payment_keys'

/*
|--------------------------------------------------------------------------
| The isolation harness
|--------------------------------------------------------------------------
| Every route is either declared public below or crawled: the owner of
| store B (signed in for /dashboard, with a token carrying every ability for
| /api) aims it at store A's records and must neither see nor change them.
| A route that is neither fails the suite until it is classified.
*/

/** Route names that are not dashboard routes, with why they are safe. */
const PUBLIC_ROUTES: RegExp[] = [
  /^landing\.show$/,
  /^sign_ups\./,
  /^sessions\./,
  /^magic_links\./,
  /^email_verifications\./,
  /^invitation_acceptances\./,
  /^stores\.(create|store)$/,
  /^current_store\.update$/,
  /^dev_mailbox\.index$/,
  /^health\./,
  // tenant-by-host/path: covered by the host resolution tests below
  /^storefront\./,
  // platform admins only: covered in tests/functional/admin
  /^admin\./,
  // signed by Stripe, no session: covered in tests/functional/billing/webhooks.spec.ts
  /^stripe_webhooks\./,
  // a signed upload URL (the signature names the store) and content-named public images:
  // covered in tests/functional/catalog/media.spec.ts
  /^media_uploads\.update$/,
  /^media_files\.show$/,
  // a store's logo files, public and named by their content: tests/functional/tenancy/store_look.spec.ts
  /^store_logos\.show$/,
  // a store's own Stripe account, signed with its secret: tests/functional/storefront/card_payments.spec.ts
  /^store_stripe_webhooks\./,
]

const CRAWLED_PREFIX = /^\/(dashboard|api)(\/|$)/

interface RouteEntry {
  name: string | undefined
  pattern: string
  method: string
}

function allRoutes(): RouteEntry[] {
  const byDomain = router.toJSON() as Record<
    string,
    { name?: string; pattern: string; methods: string[] }[]
  >
  return Object.values(byDomain)
    .flat()
    .map((route) => ({
      name: route.name,
      pattern: route.pattern,
      method: route.methods.find((method) => method !== 'HEAD') ?? route.methods[0],
    }))
}

function isPublic(route: RouteEntry) {
  return !!route.name && PUBLIC_ROUTES.some((rule) => rule.test(route.name!))
}

const crawledRoutes = () => allRoutes().filter((route) => CRAWLED_PREFIX.test(route.pattern))

/** What a store A looks like to the harness: its records and identifying strings. */
interface Victim {
  fixture: TestStore
  membershipId: string
  invitationId: string
  apiTokenId: string
  productId: string
  mediaId: string
  variantId: string
  categoryId: string
  importRunId: string
  projectId: string
  taskId: string
  orderId: string
  discountCodeId: string
  secrets: string[]
}

/** Tables of A's records besides the team's, compared whole before and after */
const RECORD_TABLES = [
  'categories',
  'products',
  'product_variants',
  'stock_movements',
  'product_media',
  'projects',
  'tasks',
  'orders',
  'order_lines',
  'visits',
  'storefront_settings',
  'subscriptions',
  'discount_codes',
  'discount_redemptions',
  'billing_notices',
  'store_card_payments',
]

async function victimStore(client: any): Promise<Victim> {
  const fixture = await createStore()
  const { store, owner, members } = fixture
  const { membershipIds, apiTokenId } = await withTenant(store, async () => {
    const memberships = await Membership.query().orderBy('created_at', 'asc')
    const ownerMembership = memberships.find((membership) => membership.userId === owner.id)!
    const { token } = await issueApiToken(ownerMembership, {
      name: unique('victimtoken'),
      abilities: ['store:read'],
    })
    return { membershipIds: memberships.map((membership) => membership.id), apiTokenId: token.id }
  })
  const invitedEmail = `${unique('invitee')}@example.test`
  const [invitation] = await db
    .table('invitations')
    .insert({
      tenant_id: store.id,
      email: invitedEmail,
      role: 'member',
      token_hash: randomBytes(32).toString('hex'),
      invited_by_user_id: owner.id,
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .returning('id')
  const memberMembershipId = await withTenant(store, async () => {
    const membership = await Membership.findByOrFail('userId', members.member.id)
    return membership.id
  })
  const productTitle = unique('victimproduct')
  const { product, variants } = await seedProduct(fixture, { title: productTitle, stock: 50 })
  const category = await seedCategory(fixture, unique('victimcategory'))
  const media = await seedMedia(fixture, product.id)
  const importRun = await startImportRun(store.id, owner.id, 'victim.csv', 'handle,title,price\n')
  const project = await seedProject(fixture, unique('victimproject'))
  const task = await seedTask(fixture, project.id, unique('victimtask'))
  const customer = `${unique('victimshopper')}@example.test`
  const { order } = await placeOrder(client, fixture, {
    variantId: variants[0].id,
    email: customer,
  })
  const discountCode = unique('VICTIMCODE').toUpperCase()
  const [discount] = await withTenant(store, () =>
    currentClient()
      .table('discount_codes')
      .insert({
        tenant_id: store.id,
        code: discountCode,
        kind: 'percentage',
        percentage_bp: 1000,
        currency: store.defaultCurrency,
        starts_at: new Date(Date.now() - 86_400_000),
      })
      .returning('id')
  )
  const campaign = unique('victimcampaign')
  await withTenant(store, async () => {
    await currentClient()
      .table('visits')
      .insert({
        tenant_id: store.id,
        id: randomUUID(),
        occurred_at: new Date(),
        path: '/',
        landing: true,
        source: campaign,
        medium: 'cpc',
        campaign,
        device: 'desktop',
        visitor_hash: 'f'.repeat(32),
      })
    await currentClient()
      .from('orders')
      .where('id', order.id)
      .update({ last_touch_source: campaign, first_touch_campaign: campaign })
  })
  const stripeKey = unique('sk_test_victim')
  await withTenant(store, () =>
    new SaveCardPaymentKeys().handle({
      actorUserId: owner.id,
      secretKey: stripeKey,
      webhookSecret: unique('whsec_victim'),
    })
  )
  return {
    fixture,
    membershipId: memberMembershipId,
    invitationId: invitation.id,
    apiTokenId,
    productId: product.id,
    mediaId: media.id,
    variantId: variants[0].id,
    categoryId: category.id,
    importRunId: importRun.id,
    projectId: project.id,
    taskId: task.id,
    orderId: order.id,
    discountCodeId: discount.id,
    secrets: [
      discountCode,
      campaign,
      stripeKey,
      productTitle,
      category.name,
      project.name,
      task.title,
      customer,
      store.id,
      store.slug,
      invitedEmail,
      ...Object.values(members).map((user) => user.email),
      ...membershipIds,
    ],
  }
}

/** Everything of A a cross-tenant request could change, read as A. */
async function snapshotOf(victim: Victim) {
  const { store } = victim.fixture
  return withTenant(store, async () => {
    const client = currentClient()
    const memberships = await client
      .from('memberships')
      .where('tenant_id', store.id)
      .select('id', 'user_id', 'role', 'updated_at')
      .orderBy('id')
    const invitations = await client
      .from('invitations')
      .where('tenant_id', store.id)
      .select('id', 'email', 'role', 'revoked_at', 'accepted_at')
      .orderBy('id')
    const tokens = await client
      .from('api_tokens')
      .where('tenant_id', store.id)
      .select('id', 'abilities', 'revoked_at')
      .orderBy('id')
    const settings = await client.from('store_settings').where('tenant_id', store.id).select('*')
    const tenant = await client
      .from('tenants')
      .where('id', store.id)
      .select('slug', 'name', 'status')
    const records: Record<string, unknown[]> = {}
    for (const table of RECORD_TABLES) {
      const rows = await client.from(table).where('tenant_id', store.id).select('*')
      records[table] = rows.map((row) => JSON.stringify(row)).sort()
    }
    return JSON.parse(
      JSON.stringify({ memberships, invitations, tokens, settings, tenant, records })
    )
  })
}

/** Which of A's records a URL parameter names: a new resource route adds its fixture here */
const ID_RULES: [RegExp, keyof Victim][] = [
  [/^\/dashboard\/team\/:id$/, 'membershipId'],
  [/^\/dashboard\/invitations\/:id$/, 'invitationId'],
  [/^\/dashboard\/api-tokens\/:id$/, 'apiTokenId'],
  [/^(\/dashboard\/catalog|\/api\/v1)\/products\/:id$/, 'productId'],
  [/^\/dashboard\/catalog\/products\/:product_id$/, 'productId'],
  [/^\/dashboard\/catalog\/products\/:product_id\/media\/:id$/, 'mediaId'],
  [/^\/dashboard\/catalog\/variants\/:id$/, 'variantId'],
  [/^(\/dashboard\/catalog|\/api\/v1)\/categories\/:id$/, 'categoryId'],
  [/^\/dashboard\/catalog\/product-imports\/:id$/, 'importRunId'],
  [/^\/dashboard\/projects\/:(id|projectId)$/, 'projectId'],
  [/^\/dashboard\/projects\/:projectId\/tasks\/:id$/, 'taskId'],
  [/^\/api\/v1\/projects\/:(id|projectId)$/, 'projectId'],
  [/^\/api\/v1\/tasks\/:id$/, 'taskId'],
  [/^\/api\/v1\/invitations\/:id$/, 'invitationId'],
  [/^(\/dashboard|\/api\/v1)\/orders\/:id$/, 'orderId'],
  [/^\/dashboard\/orders\/discounts\/:id$/, 'discountCodeId'],
]

/** The id for the parameter that ends `prefix` (the pattern up to and including it) */
function idFor(prefix: string, victim: Victim) {
  const rule = ID_RULES.find(([pattern]) => pattern.test(prefix))
  return String(victim[rule ? rule[1] : 'membershipId'])
}

function hasParams(pattern: string) {
  return pattern.split('/').some((segment) => segment.startsWith(':') || segment === '*')
}

test.group('Isolation harness | route table', () => {
  test('every route is either declared public or crawled by the harness', ({ assert }) => {
    const routes = allRoutes()
    assert.isAbove(routes.length, 10, 'the route table looks empty')
    const unclassified = routes.filter(
      (route) => !CRAWLED_PREFIX.test(route.pattern) && !isPublic(route)
    )
    assert.deepEqual(
      unclassified.map((route) => `${route.method} ${route.pattern} (${route.name ?? 'unnamed'})`),
      [],
      'These routes are neither public nor under /dashboard or /api: classify them in isolation.spec.ts'
    )
  })

  test('every crawled route with parameters aims them at a record of store A', ({ assert }) => {
    const missing = crawledRoutes()
      .filter((route) => hasParams(route.pattern))
      .flatMap((route) => {
        const segments = route.pattern.split('/')
        return segments
          .map((segment, index) => ({ segment, prefix: segments.slice(0, index + 1).join('/') }))
          .filter(({ segment }) => segment.startsWith(':') || segment === '*')
          .filter(({ prefix }) => !ID_RULES.some(([pattern]) => pattern.test(prefix)))
          .map(({ prefix }) => `${route.method} ${route.pattern} (${prefix})`)
      })
    assert.deepEqual(missing, [], 'add a fixture for these parameters to ID_RULES')
  })

  test('the crawl reaches the known dashboard routes', ({ assert }) => {
    const names = crawledRoutes().map((route) => route.name)
    for (const name of [
      'dashboard.show',
      'members.index',
      'members.update',
      'members.destroy',
      'invitations.destroy',
      'api_tokens.destroy',
      'stores.destroy',
      'api.store.show',
      'api.members.index',
      'api.projects.update',
      'api.tasks.destroy',
      'api.invitations.destroy',
      'api.auth_redemptions.store',
      'api.orders.show',
      'api.order_statuses.update',
    ]) {
      assert.include(names, name)
    }
  })
})

/** A token of `store`'s owner carrying every ability a token can have. */
function fullToken(fixture: TestStore) {
  return withTenant(fixture.store, async () => {
    const owner = await Membership.findByOrFail('userId', fixture.owner.id)
    const { plain } = await issueApiToken(owner, {
      name: unique('attacker'),
      abilities: tokenAbilityNames(),
    })
    return plain
  })
}

test.group('Isolation harness | store B aims every dashboard and API route at store A', () => {
  test('{$self}')
    .with(() => crawledRoutes().map((route) => `${route.method} ${route.pattern}`))
    .run(async ({ client, assert }, label) => {
      const [method, pattern] = label.split(' ')
      const victim = await victimStore(client)
      const attacker = await createStore()
      const before = await snapshotOf(victim)

      const withParams = hasParams(pattern)
      const url = withParams
        ? pattern
            .split('/')
            .map((segment, index, segments) =>
              segment.startsWith(':') || segment === '*'
                ? idFor(segments.slice(0, index + 1).join('/'), victim)
                : segment
            )
            .join('/')
        : pattern
      const probe = {
        role: 'member',
        membershipId: victim.membershipId,
        name: 'probe',
        abilities: ['store:read'],
      }

      const isApi = pattern.startsWith('/api/')
      let request = client.request(url, method).redirects(0)
      request = isApi
        ? request.bearerToken(await fullToken(attacker))
        : request.loginAs(attacker.owner)
      if (!['GET', 'HEAD'].includes(method)) {
        request = isApi ? request.json(probe) : request.withCsrfToken().form(probe)
      }
      const response = await request

      if (withParams) {
        assert.equal(
          response.status(),
          404,
          `${method} ${url} as another store's owner answered ${response.status()}, not 404`
        )
      } else {
        assert.isBelow(response.status(), 500, `${method} ${url} failed: ${response.text()}`)
      }
      const body = response.text() + JSON.stringify(response.headers())
      for (const secret of victim.secrets) {
        assert.notInclude(body, secret, `${method} ${url} leaked store A's "${secret}"`)
      }
      assert.deepEqual(await snapshotOf(victim), before, `${method} ${url} changed store A`)
    })
})

test.group('Isolation harness | database wall', () => {
  test('every table with tenant_id is forced under RLS with a policy, or declared platform', async ({
    assert,
  }) => {
    const { rows } = await db.rawQuery(`
      select c.relname as table,
             c.relrowsecurity as rls,
             c.relforcerowsecurity as forced,
             obj_description(c.oid, 'pg_class') as comment,
             (select count(*) from pg_policies p
               where p.schemaname = n.nspname and p.tablename = c.relname)::int as policies
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
       where c.relkind in ('r', 'p') and n.nspname = current_schema()
       order by c.relname`)
    const tables = rows.map((row: { table: string }) => row.table)
    for (const expected of ['memberships', 'store_settings', 'activities']) {
      assert.include(tables, expected)
    }
    const offenders = rows
      .filter(
        (row: { rls: boolean; forced: boolean; policies: number; comment: string | null }) =>
          !(row.rls && row.forced && row.policies > 0) &&
          !(row.comment ?? '').startsWith('platform:')
      )
      .map((row: { table: string }) => row.table)
    assert.deepEqual(offenders, [], 'tenant_id tables neither isolated nor declared platform')
  })

  test('raw SQL inside withTenant sees only that tenant', async ({ assert }) => {
    const a = await createStore()
    const b = await createStore()
    const rows = await withTenant(a.store, async () => {
      const result = await currentClient().rawQuery('select tenant_id from memberships')
      return result.rows as { tenant_id: string }[]
    })
    assert.lengthOf(rows, 4)
    assert.isTrue(rows.every((row) => row.tenant_id === a.store.id))
    assert.notInclude(
      rows.map((row) => row.tenant_id),
      b.store.id
    )
  })

  test('inserting a row of tenant B while acting as A is refused by RLS ({$self})')
    .with(['store_settings', 'activities'])
    .run(async ({ assert }, table) => {
      const a = await createStore()
      const b = await createStore()
      const row =
        table === 'store_settings'
          ? { tenant_id: b.store.id, theme: 'x', accent_color: '#000000', tagline: 'forged' }
          : { tenant_id: b.store.id, action: 'forged.action' }
      let error: { code?: string } | undefined
      try {
        await withTenant(a.store, () => currentClient().table(table).insert(row))
      } catch (caught) {
        error = caught as { code?: string }
      }
      assert.exists(error, `insert into ${table} for another tenant succeeded`)
      assert.equal(error!.code, '42501')
      const forged = await withTenant(b.store, () =>
        currentClient()
          .from(table)
          .where(
            table === 'activities' ? 'action' : 'tagline',
            'forged' + (table === 'activities' ? '.action' : '')
          )
      )
      assert.lengthOf(forged, 0)
    })

  test('without a tenant context the pool sees no tenant rows', async ({ assert }) => {
    await createStore()
    for (const table of ['memberships', 'activities', 'store_settings']) {
      const { rows } = await db.rawQuery(`select count(*)::int as total from ${table}`)
      assert.equal(rows[0].total, 0, `${table} is visible without a tenant`)
    }
  })

  test('a TenantScoped model query outside withTenant throws MissingTenantContext', async ({
    assert,
  }) => {
    await assert.rejects(() => Membership.query().exec(), MissingTenantContext as any)
    await assert.rejects(
      () => Membership.find('00000000-0000-0000-0000-000000000000'),
      MissingTenantContext as any
    )
  })

  test('app.tenant_id is transaction-local and does not leak into the pool', async ({ assert }) => {
    const a = await createStore()
    const inside = await withTenant(a.store, async () => {
      const { rows } = await currentClient().rawQuery(
        `select current_setting('app.tenant_id', true) as value`
      )
      return rows[0].value
    })
    assert.equal(inside, a.store.id)
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        db.rawQuery(`select current_setting('app.tenant_id', true) as value`)
      )
    )
    for (const { rows } of results) {
      assert.include(['', null], rows[0].value)
    }
  })
})

test.group('Isolation harness | API tokens', () => {
  test("a token answers with its own store only, and B's token cannot see A", async ({
    client,
    assert,
  }) => {
    const a = await createStore()
    const b = await createStore()
    const plainB = await withTenant(b.store, async () => {
      const membership = await Membership.findByOrFail('userId', b.owner.id)
      return (
        await issueApiToken(membership, { name: 'b', abilities: ['store:read', 'team:read'] })
      ).plain
    })
    const store = await client.get('/api/v1/store').bearerToken(plainB)
    store.assertStatus(200)
    assert.include(store.text(), b.store.slug)
    assert.notInclude(store.text(), a.store.slug)
    assert.notInclude(store.text(), a.store.id)

    const members = await client.get('/api/v1/members').bearerToken(plainB)
    members.assertStatus(200)
    assert.include(members.text(), b.owner.email)
    for (const user of Object.values(a.members)) {
      assert.notInclude(members.text(), user.email)
    }
  })

  test('no token, a garbage token or a revoked-member token is 401', async ({ client }) => {
    ;(await client.get('/api/v1/store')).assertStatus(401)
    ;(await client.get('/api/v1/store').bearerToken('bzr_nope')).assertStatus(401)
  })
})

test.group('Isolation harness | host resolution', () => {
  test('a store answers on <slug>.localhost and on /s/<slug>', async ({ client }) => {
    const { store } = await createStore()
    const byHost = await client.get('/').header('host', `${store.slug}.localhost:3334`)
    byHost.assertStatus(200)
    byHost.assertTextIncludes(store.name)
    const byPath = await client.get(`/s/${store.slug}`)
    byPath.assertStatus(200)
    byPath.assertTextIncludes(store.name)
  })

  test('an unknown host or slug is 404', async ({ client }) => {
    ;(await client.get('/').header('host', `nope-xyz.localhost:3334`)).assertStatus(404)
    ;(await client.get('/s/unknown-zzz')).assertStatus(404)
  })

  test('suspension closes the storefront, makes the dashboard read-only, resume reopens', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await createStore()
    ;(await client.get(`/s/${store.slug}`)).assertStatus(200)

    await new SuspendStore().handle(store.slug)
    const closed = await client.get(`/s/${store.slug}`)
    closed.assertStatus(503)
    closed.assertTextIncludes('unavailable')
    const closedByHost = await client.get('/').header('host', `${store.slug}.localhost:3334`)
    closedByHost.assertStatus(503)

    const dashboard = await client.get('/dashboard').loginAs(owner)
    dashboard.assertStatus(200)
    dashboard.assertTextIncludes('This store is suspended')

    const write = await client
      .post('/dashboard/invitations')
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
      .form({ email: `${unique('x')}@example.test`, role: 'member' })
    write.assertStatus(423)

    await new ResumeStore().handle(store.slug)
    ;(await client.get(`/s/${store.slug}`)).assertStatus(200)
    const open = await client.get('/dashboard').loginAs(owner)
    open.assertStatus(200)
    assert.notInclude(open.text(), 'This store is suspended')
  })

  test('the Arabic storefront is right-to-left', async ({ client }) => {
    const { store } = await createStore()
    const response = await client.get(`/s/${store.slug}?lang=ar`)
    response.assertStatus(200)
    response.assertTextIncludes('dir="rtl"')
    response.assertTextIncludes('lang="ar"')
  })
})
