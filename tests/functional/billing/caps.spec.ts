import { test } from '@japa/runner'
import { PaymentRequired } from '#core/mod'
import ImportProducts from '#catalog/operations/import_products'
import { provisionStore } from '#identity/mod'
import { currentClient, withTenant, type TenantSnapshot } from '#tenancy/mod'
import { CreatePlan } from '#billing/operations/save_plan'
import SetPlan from '#billing/operations/set_plan'
import BillingSetPlan from '#billing/commands/billing_set_plan'
import { createStore, createUser, unique, uniqueEmail } from '#tests/helpers'
import {
  atOnce,
  expectStatus,
  formAs,
  jsonAs,
  resetThrottle,
  statusesOf,
} from '../identity/support.js'
import { seedProject, seedTask } from '../workspace/support.js'
import { seedProduct } from '../catalog/support.js'
import { runAce } from './support.js'

const PROJECTS = '/dashboard/projects'
const BILLING = '/dashboard/billing'

async function countOf(store: TenantSnapshot, table: string) {
  return withTenant(store, async () => {
    const [row] = await currentClient().from(table).count('* as total')
    return Number(row.total)
  })
}

/** A store whose only member is its owner (the usual fixture has one member per role) */
async function storeOfOne() {
  const owner = await createUser(uniqueEmail('owner'))
  const { tenant } = await provisionStore({
    name: 'Solo Store',
    slug: unique('s'),
    owner: { email: owner.email },
    existingOwner: 'attach',
  })
  return { store: tenant, owner }
}

/** Invitations of the store neither accepted nor withdrawn */
async function openInvitations(store: TenantSnapshot) {
  return withTenant(store, async () => {
    const [row] = await currentClient()
      .from('invitations')
      .where('tenant_id', store.id)
      .whereNull('accepted_at')
      .whereNull('revoked_at')
      .count('* as total')
    return Number(row.total)
  })
}

/** Puts a store on a fresh plan with the given limits */
async function onPlan(store: TenantSnapshot, limits: string[]) {
  const code = unique('p')
  await new CreatePlan().handle({
    code,
    name: `Plan ${code}`,
    price: '5.00',
    currency: 'USD',
    limits,
  })
  await new SetPlan().handle(store, code)
}

test.group('Billing caps | projects on the free plan', () => {
  test('the 4th project is refused with 402 JSON naming the cap and the billing link', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore({ plan: 'free' })
    for (const name of ['One', 'Two', 'Three']) await seedProject(fixture, name)
    const response = await expectStatus(
      jsonAs(client, fixture.owner, 'post', PROJECTS, { name: 'Four', color: 'blue' }),
      402
    )
    const [error] = response.body().errors
    assert.equal(error.field, null)
    assert.include(error.message, 'allows 3 projects')
    assert.equal(error.link, BILLING)
    assert.equal(await countOf(fixture.store, 'projects'), 3)
  })

  test('the form shows the refusal inline, with a link to upgrade, and keeps what was typed', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore({ plan: 'free' })
    for (const name of ['One', 'Two', 'Three']) await seedProject(fixture, name)
    const response = await expectStatus(
      formAs(client, fixture.owner, 'post', PROJECTS, { name: 'Four', color: 'blue' }),
      402
    )
    const html = response.text()
    assert.include(html, 'id="project-form"')
    assert.match(html, /role="alert">[^<]*allows 3 projects/)
    assert.include(html, `href="${BILLING}"`)
    assert.include(html, 'value="Four"')
    assert.equal(await countOf(fixture.store, 'projects'), 3)
  })

  test('the refusal is in the viewer’s language (Arabic)', async ({ client, assert }) => {
    const fixture = await createStore({ plan: 'free' })
    for (const name of ['One', 'Two', 'Three']) await seedProject(fixture, name)
    const response = await expectStatus(
      jsonAs(client, fixture.owner, 'post', PROJECTS, { name: 'Four', color: 'blue' }).header(
        'accept-language',
        'ar'
      ),
      402
    )
    assert.include(response.body().errors[0].message, 'المشاريع')
  })

  test('after `billing:set-plan … pro` the 4th project is created', async ({ client, assert }) => {
    const fixture = await createStore({ plan: 'free' })
    for (const name of ['One', 'Two', 'Three']) await seedProject(fixture, name)
    await expectStatus(
      jsonAs(client, fixture.owner, 'post', PROJECTS, { name: 'Four', color: 'blue' }),
      402
    )
    await runAce(BillingSetPlan, [fixture.store.slug, 'pro'])
    await expectStatus(
      jsonAs(client, fixture.owner, 'post', PROJECTS, { name: 'Four', color: 'blue' }),
      201
    )
    assert.equal(await countOf(fixture.store, 'projects'), 4)
  })

  test('five creates at once with two slots left: exactly two win', async ({ client, assert }) => {
    const fixture = await createStore({ plan: 'free' })
    await seedProject(fixture, 'Existing')
    const responses = await atOnce(5, (index) =>
      jsonAs(client, fixture.owner, 'post', PROJECTS, { name: `Racing ${index}`, color: 'blue' })
    )
    assert.deepEqual(statusesOf(responses), [201, 201, 402, 402, 402])
    assert.equal(await countOf(fixture.store, 'projects'), 3)
  })

  test('a cap counts only the store’s own rows', async ({ client }) => {
    const crowded = await createStore({ plan: 'free' })
    for (const name of ['One', 'Two', 'Three']) await seedProject(crowded, name)
    const other = await createStore({ plan: 'free' })
    await expectStatus(
      jsonAs(client, other.owner, 'post', PROJECTS, { name: 'Mine', color: 'blue' }),
      201
    )
  })
})

test.group('Billing caps | tasks', () => {
  test('a plan’s task cap refuses the next task, and nothing is written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await onPlan(fixture.store, ['tasks=2'])
    const project = await seedProject(fixture)
    await seedTask(fixture, project.id, 'First')
    await seedTask(fixture, project.id, 'Second')
    const response = await expectStatus(
      jsonAs(client, fixture.owner, 'post', `${PROJECTS}/${project.id}/tasks`, { title: 'Third' }),
      402
    )
    assert.include(response.body().errors[0].message, 'allows 2 tasks')
    assert.equal(await countOf(fixture.store, 'tasks'), 2)
  })
})

test.group('Billing caps | members, counting pending invitations', (group) => {
  group.each.setup(() => resetThrottle('invitation'))

  const invite = (client: any, owner: any, email: string) =>
    jsonAs(client, owner, 'post', '/dashboard/invitations', { email, role: 'member' })
  // The team page's form answers a sent invitation by going back to the team page
  const INVITED = 302

  test('an owner and three pending invitations fill the free plan: the next invitation is refused', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await storeOfOne()
    const emails = [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c')]
    for (const email of emails) await expectStatus(invite(client, owner, email), INVITED)
    const refused = await expectStatus(invite(client, owner, uniqueEmail('d')), 402)
    assert.include(refused.body().errors[0].message, 'pending invitations')
    assert.equal(refused.body().errors[0].link, BILLING)
    assert.equal(await openInvitations(store), 3)
    // Inviting a pending address again replaces its invitation: no new seat is taken
    await expectStatus(invite(client, owner, emails[0]), INVITED)
    assert.equal(await openInvitations(store), 3)
  })

  test('four members on free: a fifth is refused, through the form inline with the upgrade link', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore({ plan: 'free' })
    const email = uniqueEmail('e')
    const response = await expectStatus(
      formAs(client, fixture.owner, 'post', '/dashboard/invitations', { email, role: 'member' }),
      402
    )
    assert.match(response.text(), /role="alert">[^<]*team members/)
    assert.include(response.text(), `href="${BILLING}"`)
    assert.equal(await openInvitations(fixture.store), 0)
  })

  test('the invitations API answers 402 JSON with the billing link on a full free plan', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore({ plan: 'free' })
    const token = await withTenant(fixture.store, async () => {
      const { Membership, issueApiToken } = await import('#identity/mod')
      const membership = await Membership.findByOrFail('userId', fixture.owner.id)
      return (await issueApiToken(membership, { name: 'cap', abilities: ['team:write'] })).plain
    })
    const response = await client
      .post('/api/v1/invitations')
      .header('authorization', `Bearer ${token}`)
      .json({ email: uniqueEmail('f'), role: 'member' })
    response.assertStatus(402)
    assert.include(response.body().errors[0].message, 'allows 4 team members')
    assert.equal(response.body().errors[0].link, BILLING)
    assert.equal(await openInvitations(fixture.store), 0)
  })

  test('revoking a pending invitation frees its seat', async ({ client, assert }) => {
    const { store, owner } = await storeOfOne()
    for (const email of [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c')]) {
      await expectStatus(invite(client, owner, email), INVITED)
    }
    await expectStatus(invite(client, owner, uniqueEmail('d')), 402)
    const oldest = await withTenant(store, () =>
      currentClient()
        .from('invitations')
        .where('tenant_id', store.id)
        .whereNull('revoked_at')
        .orderBy('created_at', 'asc')
        .first()
    )
    await expectStatus(
      jsonAs(client, owner, 'delete', `/dashboard/invitations/${oldest.id}`, {}),
      302
    )
    await expectStatus(invite(client, owner, uniqueEmail('d')), INVITED)
    assert.equal(await openInvitations(store), 3)
  })

  test('five invitations at once for the last slot: exactly one wins', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await storeOfOne()
    await expectStatus(invite(client, owner, uniqueEmail('a')), INVITED)
    await expectStatus(invite(client, owner, uniqueEmail('b')), INVITED)
    const responses = await atOnce(5, (index) => invite(client, owner, uniqueEmail(`r${index}`)))
    assert.deepEqual(statusesOf(responses), [INVITED, 402, 402, 402, 402])
    assert.equal(await openInvitations(store), 3)
  })

  test('on pro the fixture’s four members can invite more', async ({ client, assert }) => {
    const fixture = await createStore()
    await expectStatus(invite(client, fixture.owner, uniqueEmail('g')), INVITED)
    assert.equal(await openInvitations(fixture.store), 1)
  })
})

test.group('Billing caps | products', () => {
  test('a product past the plan’s cap is refused with 402 through the API', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await onPlan(fixture.store, ['products=2'])
    await seedProduct(fixture, { title: 'One' })
    await seedProduct(fixture, { title: 'Two' })
    const token = await withTenant(fixture.store, async () => {
      const { Membership, issueApiToken } = await import('#identity/mod')
      const membership = await Membership.findByOrFail('userId', fixture.owner.id)
      return (await issueApiToken(membership, { name: 'cap', abilities: ['catalog:write'] })).plain
    })
    const response = await client
      .post('/api/v1/products')
      .header('authorization', `Bearer ${token}`)
      .json({ title: 'Three', status: 'active', price: '1.00', stock: 1, trackStock: true })
    response.assertStatus(402)
    assert.include(response.body().errors[0].message, 'allows 2 products')
    assert.equal(await countOf(fixture.store, 'products'), 2)
  })

  test('free allows 25 products', async ({ assert }) => {
    const fixture = await createStore({ plan: 'free' })
    for (let index = 0; index < 25; index++) await seedProduct(fixture, { title: `P${index}` })
    await assert.rejects(() => seedProduct(fixture, { title: 'P25' }), /allows 25 products/)
    assert.equal(await countOf(fixture.store, 'products'), 25)
  })

  test('a CSV import that would go past the cap is refused as a whole', async ({ assert }) => {
    const fixture = await createStore()
    await onPlan(fixture.store, ['products=3'])
    await seedProduct(fixture, { title: 'Existing' })
    const header = 'handle,title,status,price,stock'
    const csv = [header, 'a,A,active,1.00,1', 'b,B,active,1.00,1', 'c,C,active,1.00,1'].join('\n')
    let refusal: unknown = null
    try {
      await withTenant(fixture.store, () =>
        new ImportProducts().handle({ actorUserId: fixture.owner.id, csv })
      )
    } catch (error) {
      refusal = error
    }
    assert.instanceOf(refusal, PaymentRequired)
    assert.equal(await countOf(fixture.store, 'products'), 1, 'nothing of the file was written')
  })
})
