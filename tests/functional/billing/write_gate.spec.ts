import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { Membership, issueApiToken } from '#identity/mod'
import { currentClient, withTenant, type TenantSnapshot } from '#tenancy/mod'
import Subscription from '#billing/models/subscription'
import type { SubscriptionStatus } from '#billing/services/subscription_state'
import { createStore, type TestStore } from '#tests/helpers'
import { expectStatus, formAs, jsonAs } from '../identity/support.js'
import { seedProject } from '../workspace/support.js'

const PROJECTS = '/dashboard/projects'
const BILLING = '/dashboard/billing'

async function inState(store: TenantSnapshot, status: SubscriptionStatus, periodEnd: DateTime) {
  await withTenant(store, async () => {
    const subscription = await Subscription.query().firstOrFail()
    subscription.merge({ status, currentPeriodEnd: periodEnd })
    await subscription.save()
  })
}

async function projectCount(store: TenantSnapshot) {
  return withTenant(store, async () => {
    const [row] = await currentClient().from('projects').count('* as total')
    return Number(row.total)
  })
}

async function tokenOf(fixture: TestStore) {
  return withTenant(fixture.store, async () => {
    const membership = await Membership.findByOrFail('userId', fixture.owner.id)
    const abilities = ['catalog:read', 'catalog:write'] as const
    return (await issueApiToken(membership, { name: 'gate', abilities: [...abilities] })).plain
  })
}

const lastWeek = () => DateTime.utc().minus({ days: 7 })
const nextWeek = () => DateTime.utc().plus({ days: 7 })

test.group('Billing write gate | a store whose payment is overdue', () => {
  for (const status of ['past_due', 'unpaid'] as const) {
    test(`${status}: a dashboard write answers 402 with a message and the billing link`, async ({
      client,
      assert,
    }) => {
      const fixture = await createStore({ plan: 'free' })
      await inState(fixture.store, status, nextWeek())
      const response = await expectStatus(
        jsonAs(client, fixture.owner, 'post', PROJECTS, { name: 'Blocked', color: 'blue' }),
        402
      )
      const [error] = response.body().errors
      assert.include(error.message, 'paused until your subscription is paid')
      assert.equal(error.link, BILLING)
      assert.equal(await projectCount(fixture.store), 0)
    })
  }

  test('a page write gets the error page with a link to billing', async ({ client, assert }) => {
    const fixture = await createStore({ plan: 'free' })
    const project = await seedProject(fixture)
    await inState(fixture.store, 'past_due', nextWeek())
    const response = await expectStatus(
      formAs(client, fixture.owner, 'put', `${PROJECTS}/${project.id}`, { name: 'Renamed' }),
      402
    )
    assert.include(response.text(), 'paused until your subscription is paid')
    assert.include(response.text(), `href="${BILLING}"`)
    const row = await withTenant(fixture.store, () =>
      currentClient().from('projects').where('id', project.id).first()
    )
    assert.equal(row.name, project.name, 'nothing changed')
  })

  test('reads keep working, and so do the billing page and signing out', async ({ client }) => {
    const fixture = await createStore({ plan: 'free' })
    await seedProject(fixture, 'Readable')
    await inState(fixture.store, 'past_due', nextWeek())
    const list = await expectStatus(client.get(PROJECTS).loginAs(fixture.owner), 200)
    list.assertTextIncludes('Readable')
    await expectStatus(client.get(BILLING).loginAs(fixture.owner), 200)
    await expectStatus(client.get('/dashboard').loginAs(fixture.owner), 200)
    const signOut = await expectStatus(
      client.post('/signout').loginAs(fixture.owner).withCsrfToken().redirects(0),
      302
    )
    signOut.assertHeader('location', '/')
  })

  test('dashboard pages say that changes are paused, with the billing link', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore({ plan: 'free' })
    const before = await expectStatus(client.get(PROJECTS).loginAs(fixture.owner), 200)
    assert.notInclude(before.text(), 'Changes are paused')
    await inState(fixture.store, 'past_due', nextWeek())
    const page = await expectStatus(client.get(PROJECTS).loginAs(fixture.owner), 200)
    assert.match(page.text(), /class="banner" role="status">\s*Changes are paused/)
    assert.include(page.text(), `href="${BILLING}"`)
    const arabic = await expectStatus(
      client.get(PROJECTS).header('accept-language', 'ar').loginAs(fixture.owner),
      200
    )
    assert.include(arabic.text(), 'التعديلات متوقفة')
  })

  test('the API refuses writes with 402 and keeps answering reads', async ({ client, assert }) => {
    const fixture = await createStore({ plan: 'free' })
    const token = await tokenOf(fixture)
    await inState(fixture.store, 'unpaid', nextWeek())
    await expectStatus(
      client.get('/api/v1/products').header('authorization', `Bearer ${token}`),
      200
    )
    const response = await expectStatus(
      client
        .post('/api/v1/products')
        .header('authorization', `Bearer ${token}`)
        .json({ title: 'Blocked', status: 'active', price: '1.00', stock: 1, trackStock: true }),
      402
    )
    assert.equal(response.body().errors[0].link, BILLING)
  })

  test('another store is not affected by one store’s overdue payment', async ({ client }) => {
    const overdue = await createStore({ plan: 'free' })
    await inState(overdue.store, 'past_due', nextWeek())
    const fine = await createStore({ plan: 'free' })
    await expectStatus(
      jsonAs(client, fine.owner, 'post', PROJECTS, { name: 'Mine', color: 'blue' }),
      201
    )
  })
})

test.group('Billing write gate | a canceled subscription', () => {
  test('canceled with the paid period not over yet still writes', async ({ client, assert }) => {
    const fixture = await createStore({ plan: 'free' })
    await inState(fixture.store, 'canceled', nextWeek())
    await expectStatus(
      jsonAs(client, fixture.owner, 'post', PROJECTS, { name: 'Still mine', color: 'blue' }),
      201
    )
    assert.equal(await projectCount(fixture.store), 1)
  })

  test('canceled after the period ended: writes answer 402, reads work', async ({ client }) => {
    const fixture = await createStore({ plan: 'free' })
    await inState(fixture.store, 'canceled', lastWeek())
    await expectStatus(
      jsonAs(client, fixture.owner, 'post', PROJECTS, { name: 'Too late', color: 'blue' }),
      402
    )
    await expectStatus(client.get(PROJECTS).loginAs(fixture.owner), 200)
  })

  test('back to active: writes work again', async ({ client }) => {
    const fixture = await createStore({ plan: 'free' })
    await inState(fixture.store, 'past_due', nextWeek())
    await expectStatus(
      jsonAs(client, fixture.owner, 'post', PROJECTS, { name: 'Wait', color: 'blue' }),
      402
    )
    await inState(fixture.store, 'active', nextWeek())
    await expectStatus(
      jsonAs(client, fixture.owner, 'post', PROJECTS, { name: 'Now', color: 'blue' }),
      201
    )
  })
})
