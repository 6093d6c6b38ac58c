import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { Membership } from '#identity/mod'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import Subscription from '#billing/models/subscription'
import { createStore, unique, uniqueEmail } from '#tests/helpers'
import { atOnce, resetThrottle, statusesOf } from '../identity/support.js'
import { dense, positionsOf, seedProject, seedTask, workspaceOf } from './support.js'
import { bearer, tokenFor, walkPages } from './api_support.js'

const PROJECTS = '/api/v1/projects'
const projectUrl = (id: string) => `${PROJECTS}/${id}`
const tasksUrl = (projectId: string) => `${PROJECTS}/${projectId}/tasks`
const taskUrl = (id: string) => `/api/v1/tasks/${id}`

async function pastDue(store: TenantSnapshot) {
  await withTenant(store, async () => {
    const subscription = await Subscription.query().firstOrFail()
    subscription.merge({ status: 'past_due', currentPeriodEnd: DateTime.utc().plus({ days: 7 }) })
    await subscription.save()
  })
}

async function demote(store: TenantSnapshot, userId: string, role: 'finance' | 'member') {
  await withTenant(store, () => Membership.query().where('user_id', userId).update({ role }))
}

test.group('Workspace API | projects', () => {
  test('creates a project (blue unless said), shows it and lists it', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const token = await tokenFor(fixture.store, fixture.members.member)

    const created = await bearer(client, 'post', PROJECTS, token, { name: 'Launch' })
    created.assertStatus(201)
    const project = created.body().data
    assert.include(project, { name: 'Launch', color: 'blue', archived: false, description: '' })

    const shown = await bearer(client, 'get', projectUrl(project.id), token)
    shown.assertStatus(200)
    assert.equal(shown.body().data.id, project.id)
    const listed = await bearer(client, 'get', PROJECTS, token)
    listed.assertStatus(200)
    assert.deepEqual(
      listed.body().data.map((row: any) => row.name),
      ['Launch']
    )
    assert.isNull(listed.body().nextCursor)
    assert.include(listed.header('cache-control'), 'no-store')
    const { projects } = await workspaceOf(fixture)
    assert.equal(projects[0].created_by, fixture.members.member.id)
  })

  test('no token or a bad one is 401 with {errors}', async ({ client, assert }) => {
    const none = await client.get(PROJECTS)
    none.assertStatus(401)
    assert.equal(none.body().errors[0].field, 'authorization')
    ;(await bearer(client, 'get', PROJECTS, 'bzr_not-a-token')).assertStatus(401)
    ;(await bearer(client, 'post', PROJECTS, 'garbage', { name: 'x' })).assertStatus(401)
  })

  test('a cursor walks every project exactly once and keeps its place while projects are added', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    for (let index = 0; index < 5; index++) await seedProject(fixture, `P${index}`)
    const token = await tokenFor(fixture.store, fixture.owner)

    const first = await bearer(client, 'get', `${PROJECTS}?limit=2`, token)
    assert.deepEqual(
      first.body().data.map((row: any) => row.name),
      ['P4', 'P3']
    )
    await seedProject(fixture, 'Added meanwhile')
    const rest = await walkPages(client, `${PROJECTS}?limit=2`, token, first.body().nextCursor)
    assert.deepEqual(
      rest.flat().map((row: any) => row.name),
      ['P2', 'P1', 'P0']
    )
    assert.lengthOf(rest, 2)
  })

  test('?archived=true lists archived projects, the default the active ones; bad values 422', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const kept = await seedProject(fixture, 'Kept')
    const old = await seedProject(fixture, 'Old')
    const token = await tokenFor(fixture.store, fixture.owner)
    ;(await bearer(client, 'patch', projectUrl(old.id), token, { archived: true })).assertStatus(
      200
    )

    const names = async (url: string) =>
      (await bearer(client, 'get', url, token)).body().data.map((row: any) => row.name)
    assert.deepEqual(await names(PROJECTS), [kept.name])
    assert.deepEqual(await names(`${PROJECTS}?archived=false`), [kept.name])
    assert.deepEqual(await names(`${PROJECTS}?archived=true`), [old.name])

    for (const query of ['archived=yes', 'limit=0', 'limit=101', 'cursor=nope']) {
      const response = await bearer(client, 'get', `${PROJECTS}?${query}`, token)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, query.split('=')[0])
    }
  })

  test('PATCH changes only the fields sent, archives and restores; PUT does the same', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture, 'Before')
    const token = await tokenFor(fixture.store, fixture.owner)

    const renamed = await bearer(client, 'patch', projectUrl(project.id), token, {
      name: 'After',
    })
    renamed.assertStatus(200)
    assert.include(renamed.body().data, { name: 'After', color: 'blue', archived: false })

    const archived = await bearer(client, 'put', projectUrl(project.id), token, {
      color: 'plum',
      archived: true,
    })
    archived.assertStatus(200)
    assert.include(archived.body().data, { name: 'After', color: 'plum', archived: true })
    assert.isString(archived.body().data.archivedAt)

    const restored = await bearer(client, 'patch', projectUrl(project.id), token, {
      archived: false,
    })
    assert.include(restored.body().data, { archived: false, archivedAt: null })
  })

  test('bad project input gets 422 naming the field and changes nothing', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture, 'Steady')
    const token = await tokenFor(fixture.store, fixture.owner)
    const before = await workspaceOf(fixture)

    const cases: [string, 'post' | 'patch', object, string][] = [
      [PROJECTS, 'post', {}, 'name'],
      [PROJECTS, 'post', { name: '   ' }, 'name'],
      [PROJECTS, 'post', { name: 'x'.repeat(121) }, 'name'],
      [PROJECTS, 'post', { name: 'Ok', color: 'orange' }, 'color'],
      [projectUrl(project.id), 'patch', { name: null }, 'name'],
      [projectUrl(project.id), 'patch', { name: 'Renamed', archived: 'yes' }, 'archived'],
    ]
    for (const [url, method, body, field] of cases) {
      const response = await bearer(client, method, url, token, body)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, JSON.stringify(body))
      assert.isString(response.body().errors[0].message)
    }
    assert.deepEqual(await workspaceOf(fixture), before)
  })

  test('a name another active project has is refused with 409, as on the page', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedProject(fixture, 'Taken')
    const token = await tokenFor(fixture.store, fixture.owner)
    const response = await bearer(client, 'post', PROJECTS, token, { name: 'taken' })
    response.assertStatus(409)
    assert.equal(response.body().errors[0].field, 'name')
  })

  test("the free plan's 4th project is 402 with the billing link; two at once take one slot", async ({
    client,
    assert,
  }) => {
    const fixture = await createStore({ plan: 'free' })
    await seedProject(fixture, 'One')
    await seedProject(fixture, 'Two')
    const token = await tokenFor(fixture.store, fixture.owner)
    const responses = await atOnce(3, (index) =>
      bearer(client, 'post', PROJECTS, token, { name: `Race ${index}` })
    )
    assert.deepEqual(statusesOf(responses), [201, 402, 402])
    const refused = responses.find((response) => response.status() === 402)!
    const [error] = refused.body().errors
    assert.include(error.message, 'allows 3 projects')
    assert.equal(error.link, '/dashboard/billing')
    assert.lengthOf((await workspaceOf(fixture)).projects, 3)
  })

  test('while the payment is overdue, writes are 402 with the billing link and reads work', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture, 'Paused')
    await pastDue(fixture.store)
    const token = await tokenFor(fixture.store, fixture.owner)

    const write = await bearer(client, 'post', PROJECTS, token, { name: 'Blocked' })
    write.assertStatus(402)
    assert.equal(write.body().errors[0].link, '/dashboard/billing')
    ;(await bearer(client, 'post', tasksUrl(project.id), token, { title: 'No' })).assertStatus(402)
    ;(await bearer(client, 'get', PROJECTS, token)).assertStatus(200)
    assert.lengthOf((await workspaceOf(fixture)).projects, 1)
  })

  test('a token without projects:write is refused writes with 403, and reads with projects:read', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture, 'Guarded')
    const reader = await tokenFor(fixture.store, fixture.owner, ['projects:read'])
    const writer = await tokenFor(fixture.store, fixture.owner, ['projects:write'])

    const refused = await bearer(client, 'post', PROJECTS, reader, { name: 'Nope' })
    refused.assertStatus(403)
    assert.include(refused.body().errors[0].message, 'projects:write')
    ;(await bearer(client, 'patch', projectUrl(project.id), reader, { name: 'x' })).assertStatus(
      403
    )
    ;(await bearer(client, 'get', PROJECTS, writer)).assertStatus(403)
    ;(await bearer(client, 'get', PROJECTS, reader)).assertStatus(200)
    assert.lengthOf((await workspaceOf(fixture)).projects, 1)
  })

  test("a finance member's token reads projects; a write token shrinks with a demotion (403)", async ({
    client,
  }) => {
    const fixture = await createStore()
    const finance = await tokenFor(fixture.store, fixture.members.finance)
    ;(await bearer(client, 'get', PROJECTS, finance)).assertStatus(200)
    ;(await bearer(client, 'post', PROJECTS, finance, { name: 'No' })).assertStatus(403)

    const member = await tokenFor(fixture.store, fixture.members.member)
    await demote(fixture.store, fixture.members.member.id, 'finance')
    ;(await bearer(client, 'post', PROJECTS, member, { name: 'No' })).assertStatus(403)
    ;(await bearer(client, 'get', PROJECTS, member)).assertStatus(200)
  })

  test("another store's project is 404 to read, change or list tasks of, and is left as it was", async ({
    client,
    assert,
  }) => {
    const victim = await createStore()
    const project = await seedProject(victim, unique('secret'))
    const attacker = await createStore()
    const token = await tokenFor(attacker.store, attacker.owner)
    const before = await workspaceOf(victim)

    for (const [method, url, body] of [
      ['get', projectUrl(project.id), undefined],
      ['patch', projectUrl(project.id), { name: 'Mine', archived: true }],
      ['put', projectUrl(project.id), { name: 'Mine' }],
      ['get', tasksUrl(project.id), undefined],
      ['post', tasksUrl(project.id), { title: 'Planted' }],
    ] as const) {
      const response = await bearer(client, method, url, token, body)
      response.assertStatus(404)
      assert.notInclude(response.text(), project.name)
    }
    ;(await bearer(client, 'get', projectUrl('not-a-uuid'), token)).assertStatus(404)
    assert.deepEqual(await workspaceOf(victim), before)
  })
})

test.group('Workspace API | tasks', () => {
  test('creates tasks at the bottom of their column and reads one back', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const token = await tokenFor(fixture.store, fixture.members.member)

    const first = await bearer(client, 'post', tasksUrl(project.id), token, { title: 'One' })
    first.assertStatus(201)
    assert.include(first.body().data, {
      title: 'One',
      status: 'todo',
      position: 0,
      projectId: project.id,
      assigneeUserId: null,
      dueOn: null,
    })
    const second = await bearer(client, 'post', tasksUrl(project.id), token, {
      title: 'Two',
      assigneeUserId: fixture.owner.id,
      dueOn: '2026-03-31',
    })
    assert.include(second.body().data, {
      position: 1,
      assigneeUserId: fixture.owner.id,
      dueOn: '2026-03-31',
    })
    const shown = await bearer(client, 'get', taskUrl(second.body().data.id), token)
    shown.assertStatus(200)
    assert.equal(shown.body().data.title, 'Two')
  })

  test('lists tasks filtered by status and assignee; bad filters get 422', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    await seedTask(fixture, project.id, 'Mine', { assigneeUserId: fixture.owner.id })
    await seedTask(fixture, project.id, 'Doing', { status: 'doing' })
    await seedTask(fixture, project.id, 'Nobody')
    const token = await tokenFor(fixture.store, fixture.owner)
    const titles = async (query: string) => {
      const response = await bearer(client, 'get', `${tasksUrl(project.id)}?${query}`, token)
      response.assertStatus(200)
      return response.body().data.map((row: any) => row.title)
    }
    assert.deepEqual(await titles(''), ['Nobody', 'Doing', 'Mine'])
    assert.deepEqual(await titles('status=doing'), ['Doing'])
    assert.deepEqual(await titles(`assigneeId=${fixture.owner.id}`), ['Mine'])
    assert.deepEqual(await titles('assigneeId=none&status=todo'), ['Nobody'])

    for (const [query, field] of [
      ['status=later', 'status'],
      ['assigneeId=ana', 'assigneeId'],
      ['limit=abc', 'limit'],
    ]) {
      const response = await bearer(client, 'get', `${tasksUrl(project.id)}?${query}`, token)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field)
    }
  })

  test('a task cursor keeps its place while tasks are added and deleted', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    for (let index = 0; index < 5; index++) await seedTask(fixture, project.id, `T${index}`)
    const token = await tokenFor(fixture.store, fixture.owner)

    const first = await bearer(client, 'get', `${tasksUrl(project.id)}?limit=2`, token)
    assert.deepEqual(
      first.body().data.map((row: any) => row.title),
      ['T4', 'T3']
    )
    await seedTask(fixture, project.id, 'Added meanwhile')
    const rest = await walkPages(
      client,
      `${tasksUrl(project.id)}?limit=2`,
      token,
      first.body().nextCursor
    )
    assert.deepEqual(
      rest.flat().map((row: any) => row.title),
      ['T2', 'T1', 'T0']
    )
  })

  test('PATCH changes the fields sent; a new status goes to the bottom, position places it', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const a = await seedTask(fixture, project.id, 'A')
    await seedTask(fixture, project.id, 'B')
    await seedTask(fixture, project.id, 'C', { status: 'doing' })
    const token = await tokenFor(fixture.store, fixture.owner)

    const renamed = await bearer(client, 'patch', taskUrl(a.id), token, { title: 'A2' })
    renamed.assertStatus(200)
    assert.include(renamed.body().data, { title: 'A2', status: 'todo', position: 0 })

    const moved = await bearer(client, 'patch', taskUrl(a.id), token, { status: 'doing' })
    assert.include(moved.body().data, { status: 'doing', position: 1 })
    const placed = await bearer(client, 'patch', taskUrl(a.id), token, { position: 0 })
    assert.include(placed.body().data, { status: 'doing', position: 0 })
    assert.deepEqual(await positionsOf(fixture, project.id), {
      todo: dense(1),
      doing: dense(2),
      done: [],
    })
  })

  test('bad task input gets 422 beside the field and changes nothing', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const task = await seedTask(fixture, project.id, 'Steady')
    const outsider = await createStore()
    const token = await tokenFor(fixture.store, fixture.owner)
    const before = await workspaceOf(fixture)

    const cases: [string, 'post' | 'patch', object, string][] = [
      [tasksUrl(project.id), 'post', {}, 'title'],
      [tasksUrl(project.id), 'post', { title: 'x'.repeat(201) }, 'title'],
      [tasksUrl(project.id), 'post', { title: 'Ok', status: 'later' }, 'status'],
      [tasksUrl(project.id), 'post', { title: 'Ok', dueOn: '2026-02-30' }, 'dueOn'],
      [
        tasksUrl(project.id),
        'post',
        { title: 'Ok', assigneeUserId: outsider.owner.id },
        'assigneeUserId',
      ],
      [taskUrl(task.id), 'patch', { title: '' }, 'title'],
      [taskUrl(task.id), 'patch', { position: -1 }, 'position'],
    ]
    for (const [url, method, body, field] of cases) {
      const response = await bearer(client, method, url, token, body)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, JSON.stringify(body))
    }
    assert.deepEqual(await workspaceOf(fixture), before)
  })

  test("an archived project's tasks are read-only (409) until it is restored", async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture, 'Shelved')
    const task = await seedTask(fixture, project.id, 'Frozen')
    const token = await tokenFor(fixture.store, fixture.owner)
    await bearer(client, 'patch', projectUrl(project.id), token, { archived: true })

    for (const [method, url, body] of [
      ['post', tasksUrl(project.id), { title: 'New' }],
      ['patch', taskUrl(task.id), { title: 'Changed' }],
      ['delete', taskUrl(task.id), undefined],
    ] as const) {
      const response = await bearer(client, method, url, token, body)
      response.assertStatus(409)
      assert.include(response.body().errors[0].message, 'archived')
    }
    ;(await bearer(client, 'get', tasksUrl(project.id), token)).assertStatus(200)
  })

  test('DELETE removes the task and the column closes up', async ({ client, assert }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const a = await seedTask(fixture, project.id, 'A')
    await seedTask(fixture, project.id, 'B')
    const token = await tokenFor(fixture.store, fixture.owner)

    const deleted = await bearer(client, 'delete', taskUrl(a.id), token)
    deleted.assertStatus(200)
    assert.deepEqual(deleted.body().data, { id: a.id, deleted: true })
    ;(await bearer(client, 'get', taskUrl(a.id), token)).assertStatus(404)
    ;(await bearer(client, 'delete', taskUrl(a.id), token)).assertStatus(404)
    assert.deepEqual(await positionsOf(fixture, project.id), { todo: [0], doing: [], done: [] })
  })

  test('tasks:read reads but cannot write (403); tasks:write alone cannot read', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const task = await seedTask(fixture, project.id, 'Guarded')
    const reader = await tokenFor(fixture.store, fixture.owner, ['tasks:read'])
    const writer = await tokenFor(fixture.store, fixture.owner, ['tasks:write'])
    const before = await workspaceOf(fixture)

    ;(await bearer(client, 'get', tasksUrl(project.id), reader)).assertStatus(200)
    ;(await bearer(client, 'get', taskUrl(task.id), reader)).assertStatus(200)
    for (const [method, url, body] of [
      ['post', tasksUrl(project.id), { title: 'No' }],
      ['patch', taskUrl(task.id), { title: 'No' }],
      ['delete', taskUrl(task.id), undefined],
    ] as const) {
      ;(await bearer(client, method, url, reader, body)).assertStatus(403)
    }
    ;(await bearer(client, 'get', taskUrl(task.id), writer)).assertStatus(403)
    assert.deepEqual(await workspaceOf(fixture), before)
  })

  test("another store's task is 404 to read, change or delete, and is left as it was", async ({
    client,
    assert,
  }) => {
    const victim = await createStore()
    const project = await seedProject(victim)
    const task = await seedTask(victim, project.id, unique('secret'))
    const attacker = await createStore()
    const token = await tokenFor(attacker.store, attacker.owner)
    const before = await workspaceOf(victim)
    for (const [method, body] of [
      ['get', undefined],
      ['patch', { title: 'Mine', status: 'done' }],
      ['delete', undefined],
    ] as const) {
      const response = await bearer(client, method, taskUrl(task.id), token, body)
      response.assertStatus(404)
      assert.notInclude(response.text(), task.title)
    }
    assert.deepEqual(await workspaceOf(victim), before)
  })
})

async function invitationsOf(store: TenantSnapshot) {
  return db
    .from('invitations')
    .where('tenant_id', store.id)
    .whereNull('revoked_at')
    .select('email', 'role')
}

test.group('Workspace API | team', (group) => {
  group.each.setup(() => resetThrottle('invitation'))

  test('members come a page at a time, each exactly once', async ({ client, assert }) => {
    const fixture = await createStore()
    const token = await tokenFor(fixture.store, fixture.owner, ['team:read'])
    const pages = await walkPages(client, '/api/v1/members?limit=3', token)
    assert.lengthOf(pages, 2)
    assert.sameMembers(
      pages.flat().map((member: any) => member.email),
      Object.values(fixture.members).map((user) => user.email)
    )
    const bad = await bearer(client, 'get', '/api/v1/members?limit=1000', token)
    bad.assertStatus(422)
  })

  test('an owner invites, lists and withdraws an invitation', async ({ client, assert }) => {
    const fixture = await createStore()
    const token = await tokenFor(fixture.store, fixture.owner)
    const email = uniqueEmail('invitee')

    const invited = await bearer(client, 'post', '/api/v1/invitations', token, {
      email: email.toUpperCase(),
      role: 'admin',
    })
    invited.assertStatus(201)
    assert.include(invited.body().data, { email, role: 'admin' })
    const listed = await bearer(client, 'get', '/api/v1/invitations', token)
    assert.deepEqual(
      listed.body().data.map((row: any) => row.email),
      [email]
    )
    const id = invited.body().data.id
    ;(await bearer(client, 'delete', `/api/v1/invitations/${id}`, token)).assertStatus(200)
    assert.deepEqual(await invitationsOf(fixture.store), [])
    ;(await bearer(client, 'delete', `/api/v1/invitations/${id}`, token)).assertStatus(404)
  })

  test('an admin may not invite an owner, nor withdraw an owner invitation (403)', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const owner = await tokenFor(fixture.store, fixture.owner)
    const admin = await tokenFor(fixture.store, fixture.members.admin)
    const refused = await bearer(client, 'post', '/api/v1/invitations', admin, {
      email: uniqueEmail('boss'),
      role: 'owner',
    })
    refused.assertStatus(403)
    assert.isString(refused.body().errors[0].message)

    const invited = await bearer(client, 'post', '/api/v1/invitations', owner, {
      email: uniqueEmail('boss'),
      role: 'owner',
    })
    const id = invited.body().data.id
    ;(await bearer(client, 'delete', `/api/v1/invitations/${id}`, admin)).assertStatus(403)
    assert.lengthOf(await invitationsOf(fixture.store), 1)
  })

  test('inviting needs team:write, which members and finance cannot hold', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    for (const role of ['member', 'finance'] as const) {
      const token = await tokenFor(fixture.store, fixture.members[role])
      ;(await bearer(client, 'get', '/api/v1/invitations', token)).assertStatus(200)
      const response = await bearer(client, 'post', '/api/v1/invitations', token, {
        email: uniqueEmail('nope'),
        role: 'member',
      })
      response.assertStatus(403)
    }
    const readOnly = await tokenFor(fixture.store, fixture.owner, ['team:read'])
    const response = await bearer(client, 'post', '/api/v1/invitations', readOnly, {
      email: uniqueEmail('nope'),
      role: 'member',
    })
    response.assertStatus(403)
    assert.include(response.body().errors[0].message, 'team:write')
    assert.deepEqual(await invitationsOf(fixture.store), [])
  })

  test('a bad address or role is 422, an existing member 409', async ({ client, assert }) => {
    const fixture = await createStore()
    const token = await tokenFor(fixture.store, fixture.owner)
    for (const [body, field] of [
      [{ email: 'not-an-address', role: 'member' }, 'email'],
      [{ email: uniqueEmail('x'), role: 'king' }, 'role'],
      [{ role: 'member' }, 'email'],
    ] as const) {
      const response = await bearer(client, 'post', '/api/v1/invitations', token, body)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field)
    }
    const taken = await bearer(client, 'post', '/api/v1/invitations', token, {
      email: fixture.members.member.email,
      role: 'member',
    })
    taken.assertStatus(409)
    assert.deepEqual(await invitationsOf(fixture.store), [])
  })

  test("another store's invitation is 404 and stays open", async ({ client, assert }) => {
    const victim = await createStore()
    const owner = await tokenFor(victim.store, victim.owner)
    const invited = await bearer(client, 'post', '/api/v1/invitations', owner, {
      email: uniqueEmail('kept'),
      role: 'member',
    })
    const attacker = await createStore()
    const token = await tokenFor(attacker.store, attacker.owner)
    const response = await bearer(
      client,
      'delete',
      `/api/v1/invitations/${invited.body().data.id}`,
      token
    )
    response.assertStatus(404)
    const listed = await bearer(client, 'get', '/api/v1/invitations', token)
    assert.deepEqual(listed.body().data, [])
    assert.lengthOf(await invitationsOf(victim.store), 1)
  })
})
