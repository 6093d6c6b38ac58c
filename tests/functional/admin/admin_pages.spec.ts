import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { User } from '#identity/mod'
import { tenantDirectory } from '#tenancy/mod'
import { createStore, createUser, unique, uniqueEmail } from '#tests/helpers'
import { expectStatus, formAs } from '#tests/functional/identity/support'

async function platformAdmin() {
  const user = await createUser(uniqueEmail('padmin'))
  user.isPlatformAdmin = true
  await user.save()
  return user
}

async function tenantCount(slug: string) {
  const { rows } = await db.rawQuery('select count(*)::int as n from tenants where slug = ?', [
    slug,
  ])
  return rows[0].n as number
}

/** The platform's "new store" form, sent as `actor` */
function provision(client: any, actor: User, form: Record<string, unknown>) {
  return formAs(client, actor, 'post', '/admin/tenants', form)
}

/** Suspends (POST) or resumes (DELETE) the store at `slug`, as `actor` */
function suspension(client: any, actor: User, method: 'post' | 'delete', slug: string) {
  return formAs(client, actor, method, `/admin/tenants/${slug}/suspension`)
}

test.group('Admin pages', () => {
  test('/admin is 404 for a signed-in store owner who is not a platform admin', async (ctx) => {
    const { client } = ctx
    const { owner } = await createStore()
    await expectStatus(client.get('/admin').loginAs(owner), 404)
    const form = { name: 'X', slug: unique('x'), ownerEmail: uniqueEmail() }
    await expectStatus(provision(client, owner, form), 404)
  })

  test('/admin is not reachable signed out', async ({ client, assert }) => {
    const response = await client.get('/admin').redirects(0)
    assert.include([302, 303, 401, 404], response.status())
  })

  test('/admin lists stores for a platform admin', async ({ client }) => {
    const admin = await platformAdmin()
    const { store } = await createStore()
    const response = await client.get('/admin').loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes(store.slug)
  })

  test('POST /admin/tenants/:slug/suspension suspends, DELETE resumes', async (ctx) => {
    const { client, assert } = ctx
    const admin = await platformAdmin()
    const { store } = await createStore()
    const suspend = await suspension(client, admin, 'post', store.slug)
    assert.include([302, 303], suspend.status())
    assert.equal((await tenantDirectory.findBySlug(store.slug))?.status, 'suspended')
    ;(await client.get(`/s/${store.slug}`)).assertStatus(503)

    const resume = await suspension(client, admin, 'delete', store.slug)
    assert.include([302, 303], resume.status())
    assert.equal((await tenantDirectory.findBySlug(store.slug))?.status, 'active')
  })

  test('suspending an unknown store is 404', async ({ client }) => {
    const admin = await platformAdmin()
    await expectStatus(suspension(client, admin, 'post', 'no-such-store-zz'), 404)
  })

  test('POST /admin/tenants provisions a store with its owner', async ({ client, assert }) => {
    const admin = await platformAdmin()
    const slug = unique('adm')
    const ownerEmail = uniqueEmail('admowner')
    const response = await provision(client, admin, { name: 'Admin Made', slug, ownerEmail })
    assert.include([302, 303], response.status())
    const store = await tenantDirectory.findBySlug(slug)
    assert.equal(store?.name, 'Admin Made')
    assert.exists(await User.findBy('email', ownerEmail))
  })

  test('POST /admin/tenants with {name} is 422 and writes nothing')
    .with([
      { name: 'a reserved slug', input: { name: 'Shop', slug: 'admin' } },
      { name: 'a malformed slug', input: { name: 'Shop', slug: 'Not A Slug!' } },
      { name: 'a bad email', input: { name: 'Shop', slug: '', ownerEmail: 'not-an-email' } },
      { name: 'a one-letter name', input: { name: 'x', slug: '' } },
    ])
    .run(async ({ client, assert }, { input }) => {
      const admin = await platformAdmin()
      const slug = input.slug || unique('bad')
      const ownerEmail = 'ownerEmail' in input ? input.ownerEmail : uniqueEmail('badowner')
      await expectStatus(provision(client, admin, { name: input.name, slug, ownerEmail }), 422)
      assert.equal(await tenantCount(slug.toLowerCase()), 0)
      assert.isNull(await User.findBy('email', ownerEmail))
    })

  test('POST /admin/tenants with a taken slug is 422 and writes nothing', async (ctx) => {
    const { client, assert } = ctx
    const admin = await platformAdmin()
    const { store } = await createStore()
    const ownerEmail = uniqueEmail('dupowner')
    await expectStatus(provision(client, admin, { name: 'Dup', slug: store.slug, ownerEmail }), 422)
    assert.equal(await tenantCount(store.slug), 1)
    assert.isNull(await User.findBy('email', ownerEmail))
  })
})
