import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import TenantCreate from '#admin/commands/tenant_create'
import TenantList from '#admin/commands/tenant_list'
import TenantSuspend from '#admin/commands/tenant_suspend'
import TenantResume from '#admin/commands/tenant_resume'
import TenantDelete from '#admin/commands/tenant_delete'
import UserMakeAdmin from '#admin/commands/user_make_admin'
import TokenCreate from '#admin/commands/token_create'
import { User } from '#identity/mod'
import { currentClient, tenantDirectory, withTenant } from '#tenancy/mod'
import { createStore, createUser, unique, uniqueEmail } from '#tests/helpers'

async function run(command: any, argv: string[]) {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  const instance = await ace.create(command, argv)
  await instance.exec()
  return instance
}

function logsOf(command: any): string {
  return command.logger
    .getLogs()
    .map((log: { message: string }) => log.message)
    .join('\n')
}

test.group('Commands | tenant:create', () => {
  test('creates a store with its owner', async ({ assert }) => {
    const slug = unique('cli')
    const email = uniqueEmail('cliowner')
    const command = await run(TenantCreate, [
      '--name=CLI Store',
      `--slug=${slug}`,
      `--owner-email=${email}`,
    ])
    command.assertSucceeded()
    command.assertLogMatches(new RegExp(`Created store "CLI Store" \\(${slug}\\)`))
    const store = await tenantDirectory.findBySlug(slug)
    assert.exists(store)
    assert.exists(await User.findBy('email', email))
  })

  test('refuses a malformed slug ({$self})')
    .with(['Bad Slug!', 'ab', 'admin'])
    .run(async ({ assert }, slug) => {
      const command = await run(TenantCreate, [
        '--name=Bad',
        `--slug=${slug}`,
        `--owner-email=${uniqueEmail()}`,
      ])
      command.assertFailed()
      command.assertLogMatches(/--slug/)
      const { rows } = await db.rawQuery('select count(*)::int as n from tenants where slug = ?', [
        slug.toLowerCase(),
      ])
      assert.equal(rows[0].n, 0)
    })

  test('refuses a slug that is taken', async () => {
    const { store } = await createStore()
    const command = await run(TenantCreate, [
      '--name=Again',
      `--slug=${store.slug}`,
      `--owner-email=${uniqueEmail()}`,
    ])
    command.assertFailed()
    command.assertLogMatches(/already taken/)
  })
})

test.group('Commands | tenant:list, suspend, resume, delete', () => {
  test('tenant:list shows stores', async ({ assert }) => {
    const { store } = await createStore()
    const command = await run(TenantList, [])
    command.assertSucceeded()
    assert.include(logsOf(command), store.slug)
    command.assertLogMatches(/\d+ store\(s\)/)
  })

  test('tenant:suspend and tenant:resume flip the status', async ({ assert }) => {
    const { store } = await createStore()
    const suspend = await run(TenantSuspend, [store.slug])
    suspend.assertSucceeded()
    suspend.assertLogMatches(new RegExp(`Suspended ${store.slug}`))
    assert.equal((await tenantDirectory.findBySlug(store.slug))?.status, 'suspended')

    const resume = await run(TenantResume, [store.slug])
    resume.assertSucceeded()
    assert.equal((await tenantDirectory.findBySlug(store.slug))?.status, 'active')
  })

  test('{$self} on an unknown slug fails')
    .with(['suspend', 'resume', 'delete'])
    .run(async (_, which) => {
      const command =
        which === 'suspend'
          ? await run(TenantSuspend, ['no-such-store-zz'])
          : which === 'resume'
            ? await run(TenantResume, ['no-such-store-zz'])
            : await run(TenantDelete, ['no-such-store-zz', '--force'])
      command.assertFailed()
      command.assertLogMatches(/No store with the address/)
    })

  test('tenant:delete --force removes the store and its memberships', async ({ assert }) => {
    const { store } = await createStore()
    const command = await run(TenantDelete, [store.slug, '--force'])
    command.assertSucceeded()
    command.assertLogMatches(new RegExp(`Deleted ${store.slug}`))
    assert.isNull(await tenantDirectory.findBySlug(store.slug))
    const memberships = await withTenant(store, () =>
      currentClient().from('memberships').where('tenant_id', store.id)
    )
    assert.lengthOf(memberships, 0)
  })
})

test.group('Commands | user:make-admin', () => {
  test('makes a user a platform admin', async ({ assert }) => {
    const user = await createUser()
    const command = await run(UserMakeAdmin, [user.email.toUpperCase()])
    command.assertSucceeded()
    await user.refresh()
    assert.isTrue(user.isPlatformAdmin)
  })

  test('fails on an unknown email', async () => {
    const command = await run(UserMakeAdmin, [uniqueEmail('ghost')])
    command.assertFailed()
    command.assertLogMatches(/No user with the email/)
  })
})

test.group('Commands | token:create', () => {
  test('prints a token that works against the API', async ({ client, assert }) => {
    const { store, owner } = await createStore()
    const command = await run(TokenCreate, [
      `--tenant=${store.slug}`,
      `--email=${owner.email}`,
      '--abilities=store:read',
      '--expires-in=30d',
    ])
    command.assertSucceeded()
    const token = /bzr_[A-Za-z0-9_-]+/.exec(logsOf(command))?.[0]
    assert.exists(token, 'no token printed')
    const response = await client.get('/api/v1/store').bearerToken(token!)
    response.assertStatus(200)
    assert.include(response.text(), store.slug)
    // the ability is store:read only
    ;(await client.get('/api/v1/members').bearerToken(token!)).assertStatus(403)
  })

  test('fails with {name}')
    .with([
      { name: 'an unknown ability', flags: ['--abilities=root:all'], log: /Unknown abilities/ },
      {
        name: 'a bad --expires-in',
        flags: ['--abilities=store:read', '--expires-in=forever'],
        log: /--expires-in/,
      },
      {
        name: 'too long --expires-in',
        flags: ['--abilities=store:read', '--expires-in=400d'],
        log: /--expires-in/,
      },
    ])
    .run(async (_, { flags, log }) => {
      const { store, owner } = await createStore()
      const command = await run(TokenCreate, [
        `--tenant=${store.slug}`,
        `--email=${owner.email}`,
        ...flags,
      ])
      command.assertFailed()
      command.assertLogMatches(log)
    })

  test('fails for a user who is not a member of the store', async () => {
    const a = await createStore()
    const b = await createStore()
    const command = await run(TokenCreate, [
      `--tenant=${a.store.slug}`,
      `--email=${b.owner.email}`,
      '--abilities=store:read',
    ])
    command.assertFailed()
    command.assertLogMatches(/is not a member of/)
  })

  test('fails for an unknown store', async () => {
    const { owner } = await createStore()
    const command = await run(TokenCreate, [
      '--tenant=no-such-store-zz',
      `--email=${owner.email}`,
      '--abilities=store:read',
    ])
    command.assertFailed()
    command.assertLogMatches(/No store with the address/)
  })
})
