import { test } from '@japa/runner'
import { Bouncer } from '@adonisjs/bouncer'
import router from '@adonisjs/core/services/router'
import {
  Membership,
  ROLES,
  issueApiToken,
  permissionMatrix,
  permissionNames,
  roleMayGrant,
  type Permission,
  type Role,
} from '#identity/mod'
import { bouncerAbilities } from '#identity/roles'
import { withTenant } from '#tenancy/mod'
import { modules } from '#start/modules'
import { createStore, uniqueEmail, type TestStore } from '#tests/helpers'
import { formAs, membershipIdOf } from './support.js'
import { seedProject } from '../workspace/support.js'
import { seedProduct } from '../catalog/support.js'
import { placeOrder } from '../storefront/orders_support.js'
import { bearer, tokenFor } from '../workspace/api_support.js'

/**
 * The matrix as the product defines it, written out independently of the
 * modules' manifests so an accidental edit of one fails here.
 */
const EXPECTED: Record<Permission, Role[]> = {
  'catalog:read': ['owner', 'admin', 'finance', 'member'],
  'catalog:write': ['owner', 'admin', 'member'],
  'orders:read': ['owner', 'admin', 'finance', 'member'],
  'orders:write': ['owner', 'admin', 'member'],
  'analytics:read': ['owner', 'admin', 'finance'],
  'projects:read': ['owner', 'admin', 'finance', 'member'],
  'projects:write': ['owner', 'admin', 'member'],
  'tasks:read': ['owner', 'admin', 'finance', 'member'],
  'tasks:write': ['owner', 'admin', 'member'],
  'team:manage': ['owner', 'admin'],
  'billing:manage': ['owner', 'finance'],
  'usage:read': ['owner', 'admin', 'finance'],
  'pricing:manage': ['owner', 'admin'],
  'integrations:manage': ['owner', 'admin'],
  'activity:read': ['owner', 'admin'],
  'store:manage': ['owner', 'admin'],
  'store:delete': ['owner'],
  'ownership:transfer': ['owner'],
}

function allowed(permission: Permission, role: Role) {
  return permissionMatrix()[permission].includes(role)
}

function membershipWithRole(role: Role) {
  const membership = new Membership()
  membership.role = role
  return membership
}

type RouteRequest = (client: any, setup: TestStore, role: Role) => Promise<any>

/** A dashboard page opened by the member holding `role` */
function page(url: string): RouteRequest {
  return (client, setup, role) => client.get(url).loginAs(setup.members[role]).redirects(0)
}

/** One request per permission that guards a dashboard route. */
const ROUTES: Partial<Record<Permission, RouteRequest>> = {
  'team:manage': (client, setup, role) =>
    formAs(client, setup.members[role], 'post', '/dashboard/invitations', {
      email: uniqueEmail('matrix'),
      role: 'member',
    }),
  'integrations:manage': page('/dashboard/api-tokens'),
  'activity:read': page('/dashboard/activity'),
  'store:manage': page('/dashboard/settings'),
  'catalog:read': page('/dashboard/catalog'),
  'catalog:write': page('/dashboard/catalog/products/create'),
  'projects:write': page('/dashboard/projects/create'),
  'tasks:read': async (client, setup, role) => {
    const project = await seedProject(setup, 'Matrix')
    return page(`/dashboard/projects/${project.id}/tasks`)(client, setup, role)
  },
  'tasks:write': async (client, setup, role) => {
    const project = await seedProject(setup, 'Matrix')
    return page(`/dashboard/projects/${project.id}/tasks/create`)(client, setup, role)
  },
  'orders:read': page('/dashboard/orders'),
  'orders:write': async (client, setup, role) => {
    const { order } = await placeOrder(client, setup)
    return formAs(client, setup.members[role], 'put', `/dashboard/orders/${order.id}/status`, {
      status: 'paid',
    })
  },
  'analytics:read': page('/dashboard/analytics/attribution'),
  'projects:read': page('/dashboard/projects'),
  'billing:manage': page('/dashboard/billing'),
  'usage:read': page('/dashboard/usage'),
  'pricing:manage': page('/dashboard/pricing'),
  'ownership:transfer': async (client, setup, role) => {
    const target = setup.members[role === 'member' ? 'finance' : 'member']
    return formAs(client, setup.members[role], 'post', '/dashboard/ownership-transfer', {
      membershipId: await membershipIdOf(setup.store, target),
    })
  },
  'store:delete': (client, setup, role) =>
    formAs(client, setup.members[role], 'delete', '/dashboard/store', {
      confirmSlug: 'not-the-slug',
    }),
}

/** What an allowed role gets back, where it is more specific than "not 403". */
const ALLOWED_STATUS: Partial<Record<Permission, number>> = {
  'team:manage': 302,
  'ownership:transfer': 302,
  'store:delete': 422,
  'integrations:manage': 200,
  'activity:read': 200,
  'store:manage': 200,
  'catalog:read': 200,
  'catalog:write': 200,
  'projects:write': 200,
  'tasks:read': 200,
  'tasks:write': 200,
  'orders:read': 200,
  'orders:write': 302,
  'analytics:read': 200,
  'projects:read': 200,
  'billing:manage': 200,
  'usage:read': 200,
  'pricing:manage': 200,
}

const WITHOUT_ROUTES: Permission[] = []

/** Further routes behind a permission that guards one above, with what an allowed role gets */
const MORE_ROUTES: [Permission, string, RouteRequest, number][] = [
  [
    'catalog:write',
    'POST /dashboard/catalog/products/:product_id/media-uploads',
    async (client, setup, role) => {
      const { product } = await seedProduct(setup)
      return formAs(
        client,
        setup.members[role],
        'post',
        `/dashboard/catalog/products/${product.id}/media-uploads`
      )
    },
    201,
  ],
  [
    'billing:manage',
    'POST /dashboard/billing/checkout-sessions',
    (client, setup, role) =>
      formAs(client, setup.members[role], 'post', '/dashboard/billing/checkout-sessions', {
        plan: 'pro',
      }),
    409, // without Stripe keys, as in the test environment
  ],
  [
    'billing:manage',
    'POST /dashboard/billing/portal-sessions',
    (client, setup, role) =>
      formAs(client, setup.members[role], 'post', '/dashboard/billing/portal-sessions'),
    409,
  ],
  [
    'orders:write',
    'PUT /dashboard/orders/:id/notes',
    async (client, setup, role) => {
      const { order } = await placeOrder(client, setup)
      return formAs(client, setup.members[role], 'put', `/dashboard/orders/${order.id}/notes`, {
        notes: 'Matrix',
      })
    },
    302,
  ],
]

test.group('Role matrix / the model', () => {
  test('the matrix names every permission the product defines, and no others', ({ assert }) => {
    assert.sameMembers(permissionNames(), Object.keys(EXPECTED))
  })

  for (const permission of Object.keys(EXPECTED) as Permission[]) {
    for (const role of ROLES) {
      const expected = EXPECTED[permission].includes(role)
      test(`${role} ${expected ? 'may' : 'may not'} ${permission} (Membership.can and Bouncer)`, async ({
        assert,
      }) => {
        const membership = membershipWithRole(role)
        assert.equal(
          allowed(permission, role),
          expected,
          'the assembled matrix matches the product'
        )
        assert.equal(membership.can(permission), expected, 'Membership.can')
        const bouncer = new Bouncer(() => membership, bouncerAbilities())
        assert.equal(await bouncer.allows(permission), expected, 'Bouncer ability')
      })
    }
  }
})

test.group('Role matrix / permissions without routes yet', () => {
  for (const permission of WITHOUT_ROUTES) {
    for (const role of ROLES) {
      const expected = allowed(permission, role)
      test(`a stored ${role} ${expected ? 'is' : 'is not'} allowed ${permission} by the Bouncer`, async ({
        assert,
      }) => {
        const { store, members } = await createStore()
        const membership = await withTenant(
          store,
          async () => await Membership.findByOrFail('userId', members[role].id)
        )
        const bouncer = new Bouncer(() => membership, bouncerAbilities())
        assert.equal(await bouncer.allows(permission), expected)
        assert.equal(await bouncer.denies(permission), !expected)
      })
    }
  }
})

test.group('Role matrix / routes', () => {
  test('every permission is either guarding a route here or listed as not routed yet', ({
    assert,
  }) => {
    assert.sameMembers([...Object.keys(ROUTES), ...WITHOUT_ROUTES], permissionNames())
  })

  for (const [permission, request] of Object.entries(ROUTES) as [Permission, RouteRequest][]) {
    for (const role of ROLES) {
      const expected = allowed(permission, role)
      test(`${permission}: a ${role} is ${expected ? 'let through' : 'refused with 403'}`, async ({
        client,
        assert,
      }) => {
        const setup = await createStore()
        const response = await request(client, setup, role)
        if (expected) {
          assert.notEqual(response.status(), 403)
          const wanted = ALLOWED_STATUS[permission]
          if (wanted) assert.equal(response.status(), wanted, response.text().slice(0, 500))
        } else {
          response.assertStatus(403)
        }
      })
    }
  }

  for (const [permission, label, request, wanted] of MORE_ROUTES) {
    for (const role of ROLES) {
      const expected = allowed(permission, role)
      test(`${label} (${permission}): a ${role} is ${expected ? 'let through' : 'refused with 403'}`, async ({
        client,
      }) => {
        const response = await request(client, await createStore(), role)
        response.assertStatus(expected ? wanted : 403)
      })
    }
  }

  test('a refused JSON caller gets {errors:[…]} with 403', async ({ client, assert }) => {
    const { members } = await createStore()
    const response = await client
      .get('/dashboard/activity')
      .header('accept', 'application/json')
      .loginAs(members.member)
    response.assertStatus(403)
    assert.isArray(response.body().errors)
    assert.isString(response.body().errors[0].message)
  })
})

test.group('Role matrix / orders API tokens (orders:read, orders:write)', () => {
  for (const role of ROLES) {
    const writes = allowed('orders:write', role)
    test(`a ${role} ${writes ? 'may' : 'may not'} hold orders:write; every role reads orders`, async ({
      client,
      assert,
    }) => {
      const setup = await createStore()
      const { order } = await placeOrder(client, setup)
      const issue = (abilities: ('orders:read' | 'orders:write')[]) =>
        withTenant(setup.store, async () => {
          const membership = await Membership.findByOrFail('userId', setup.members[role].id)
          return (await issueApiToken(membership, { name: 'matrix', abilities })).plain
        })
      const reader = await issue(['orders:read'])
      ;(await client.get(`/api/v1/orders/${order.id}`).bearerToken(reader)).assertStatus(200)
      const status = `/api/v1/orders/${order.id}/status`
      ;(await client.put(status).bearerToken(reader).json({ status: 'paid' })).assertStatus(403)
      if (!writes) {
        await assert.rejects(() => issue(['orders:write']))
        return
      }
      const writer = await issue(['orders:write'])
      ;(await client.put(status).bearerToken(writer).json({ status: 'paid' })).assertStatus(200)
      const notes = `/api/v1/orders/${order.id}/notes`
      ;(await client.put(notes).bearerToken(writer).json({ notes: 'Matrix' })).assertStatus(200)
    })
  }
})

test.group('Role matrix / workspace and team API tokens', () => {
  /** One request per token ability, sent with a token carrying all its holder's role may hold */
  const API_ROUTES: [
    string,
    string,
    (client: any, setup: TestStore, token: string) => any,
    number,
  ][] = [
    [
      'projects:read',
      'GET /api/v1/projects',
      (c, _s, t) => bearer(c, 'get', '/api/v1/projects', t),
      200,
    ],
    [
      'projects:write',
      'POST /api/v1/projects',
      (c, _s, t) => bearer(c, 'post', '/api/v1/projects', t, { name: 'Matrix' }),
      201,
    ],
    [
      'tasks:read',
      'GET /api/v1/projects/:projectId/tasks',
      async (c, s, t) => bearer(c, 'get', `/api/v1/projects/${(await seedProject(s)).id}/tasks`, t),
      200,
    ],
    [
      'tasks:write',
      'POST /api/v1/projects/:projectId/tasks',
      async (c, s, t) =>
        bearer(c, 'post', `/api/v1/projects/${(await seedProject(s)).id}/tasks`, t, {
          title: 'Matrix',
        }),
      201,
    ],
    [
      'team:read',
      'GET /api/v1/invitations',
      (c, _s, t) => bearer(c, 'get', '/api/v1/invitations', t),
      200,
    ],
    [
      'team:write',
      'POST /api/v1/invitations',
      (c, _s, t) =>
        bearer(c, 'post', '/api/v1/invitations', t, {
          email: uniqueEmail('matrix'),
          role: 'member',
        }),
      201,
    ],
  ]

  for (const [ability, label, request, wanted] of API_ROUTES) {
    for (const role of ROLES) {
      const holds = roleMayGrant(role, ability)
      test(`${label} (${ability}): a ${role}'s token is ${holds ? 'let through' : 'refused with 403'}`, async ({
        client,
      }) => {
        const setup = await createStore()
        const token = await tokenFor(setup.store, setup.members[role])
        const response = await request(client, setup, token)
        response.assertStatus(holds ? wanted : 403)
      })
    }
  }
})

test.group('Role matrix / navigation', () => {
  const NAV_LINKS: { href: string; permission: Permission }[] = [
    { href: '/dashboard/api-tokens', permission: 'integrations:manage' },
    { href: '/dashboard/activity', permission: 'activity:read' },
  ]

  for (const role of ROLES) {
    test(`a ${role} sees exactly the dashboard links their role can use`, async ({
      client,
      assert,
    }) => {
      const { members } = await createStore()
      const response = await client.get('/dashboard').loginAs(members[role])
      response.assertStatus(200)
      const html = response.text()
      const links = [
        ...NAV_LINKS,
        ...modules
          .flatMap((module) => module.navigation?.dashboard ?? [])
          .filter((entry) => entry.can)
          .map((entry) => ({ href: router.makeUrl(entry.route), permission: entry.can! })),
      ]
      for (const link of links) {
        const shown = html.includes(`href="${link.href}"`)
        assert.equal(
          shown,
          allowed(link.permission, role),
          `${role}: link to ${link.href} (${link.permission})`
        )
      }
      assert.include(html, 'href="/dashboard/team"', 'every member sees the team')
    })
  }

  test("a member's dashboard has no API tokens link and an owner's has", async ({
    client,
    assert,
  }) => {
    const { owner, members } = await createStore()
    const ownerPage = await client.get('/dashboard').loginAs(owner)
    const memberPage = await client.get('/dashboard').loginAs(members.member)
    assert.include(ownerPage.text(), 'API tokens')
    assert.notInclude(memberPage.text(), 'API tokens')
  })
})

test.group('Role matrix / card payment keys (store:manage)', () => {
  for (const role of ROLES) {
    const expected = allowed('store:manage', role)
    test(`a ${role} ${expected ? 'may' : 'may not'} set and remove the store's Stripe keys`, async ({
      client,
    }) => {
      const setup = await createStore()
      const url = '/dashboard/orders/settings/card-payments'
      const keys = { secretKey: 'sk_test_matrix1234', webhookSecret: 'whsec_matrix1234' }
      const saved = await formAs(client, setup.members[role], 'put', url, keys)
      saved.assertStatus(expected ? 302 : 403)
      const removed = await formAs(client, setup.members[role], 'delete', url)
      removed.assertStatus(expected ? 302 : 403)
    })
  }
})
