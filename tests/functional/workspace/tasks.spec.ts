import { test } from '@japa/runner'
import { createStore, createUser } from '#tests/helpers'
import { Membership } from '#identity/mod'
import { withTenant } from '#tenancy/mod'
import {
  expectRedirect,
  expectStatus,
  formAs,
  jsonAs,
  membershipIdOf,
} from '../identity/support.js'
import {
  activitiesOf,
  columnsOf,
  dense,
  positionsOf,
  projectUrl,
  seedProject,
  seedTask,
  taskUrl,
  tasksUrl,
  workspaceOf,
} from './support.js'

test.group('Workspace tasks | creating, editing and deleting', () => {
  test('a member adds tasks to the bottom of their column, with an assignee and a due date', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const member = fixture.members.member
    await expectStatus(
      client.get(`${tasksUrl(project.id)}/create?status=doing`).loginAs(member),
      200
    )
    const first = await expectStatus(
      formAs(client, member, 'post', tasksUrl(project.id), {
        title: 'Shoot photos',
        status: 'todo',
      }),
      302
    )
    assert.match(String(first.header('location')), new RegExp(`^${projectUrl(project.id)}#task-`))
    await expectStatus(
      formAs(client, member, 'post', tasksUrl(project.id), {
        title: 'Write copy',
        description: 'Short and warm',
        status: 'todo',
        assigneeUserId: fixture.members.finance.id,
        dueOn: '2026-03-31',
      }),
      302
    )
    await expectStatus(
      formAs(client, member, 'post', tasksUrl(project.id), {
        title: 'Set prices',
        status: 'doing',
      }),
      302
    )
    assert.deepEqual(await columnsOf(fixture, project.id), {
      todo: ['Shoot photos', 'Write copy'],
      doing: ['Set prices'],
      done: [],
    })
    const copy = (await workspaceOf(fixture)).tasks.find((task: any) => task.title === 'Write copy')
    assert.include(copy, {
      description: 'Short and warm',
      assignee_user_id: fixture.members.finance.id,
      position: 1,
    })
    assert.match(copy.due_on, /^2026-03-3[01]/)
    const board = await client.get(projectUrl(project.id)).loginAs(fixture.members.finance)
    assert.include(board.text(), 'Short and warm')
    assert.include(board.text(), 'Assigned to Test Person')
    assert.include(board.text(), 'datetime="2026-03-31"')
    const actions = (await activitiesOf(fixture)).map((entry) => entry.action)
    assert.deepEqual(actions.slice(1), [
      'workspace.task_created',
      'workspace.task_created',
      'workspace.task_created',
    ])
  })

  test('an edit to another column puts the task at its bottom and closes the gap it left', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const a = await seedTask(fixture, project.id, 'A')
    await seedTask(fixture, project.id, 'B')
    await seedTask(fixture, project.id, 'C', { status: 'doing' })
    await expectStatus(client.get(`${taskUrl(project.id, a.id)}/edit`).loginAs(fixture.owner), 200)
    await expectRedirect(
      formAs(client, fixture.owner, 'put', taskUrl(project.id, a.id), {
        title: 'A renamed',
        status: 'doing',
        assigneeUserId: fixture.members.admin.id,
        dueOn: '',
      }),
      projectUrl(project.id)
    )
    assert.deepEqual(await columnsOf(fixture, project.id), {
      todo: ['B'],
      doing: ['C', 'A renamed'],
      done: [],
    })
    assert.deepEqual(await positionsOf(fixture, project.id), { todo: [0], doing: [0, 1], done: [] })
    const [updated] = (await activitiesOf(fixture)).filter(
      (entry) => entry.action === 'workspace.task_updated'
    )
    assert.sameMembers(updated.data.changed, ['title', 'assigneeUserId', 'status'])
  })

  test('deleting a task moves the ones below it up', async ({ client, assert }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    await seedTask(fixture, project.id, 'A')
    const b = await seedTask(fixture, project.id, 'B')
    await seedTask(fixture, project.id, 'C')
    await expectRedirect(
      formAs(client, fixture.members.member, 'delete', taskUrl(project.id, b.id)),
      projectUrl(project.id)
    )
    assert.deepEqual(await columnsOf(fixture, project.id), {
      todo: ['A', 'C'],
      doing: [],
      done: [],
    })
    assert.deepEqual(await positionsOf(fixture, project.id), {
      todo: dense(2),
      doing: [],
      done: [],
    })
    const actions = (await activitiesOf(fixture)).map((entry) => entry.action)
    assert.equal(actions.at(-1), 'workspace.task_deleted')
  })
})

test.group('Workspace tasks | bad input', () => {
  test('a missing or long title, an unknown column and a date that does not exist are refused', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const task = await seedTask(fixture, project.id, 'Keep me')
    const before = await workspaceOf(fixture)
    const owner = fixture.owner
    const cases: [Record<string, unknown>, string, string][] = [
      [{ title: '' }, 'title', 'Title is required'],
      [{ title: 'x'.repeat(201) }, 'title', 'Title can have at most 200 characters'],
      [{ title: 'Ok', status: 'later' }, 'status', 'Choose one of the listed options'],
      [{ title: 'Ok', dueOn: '2026-02-30' }, 'dueOn', 'Enter the due date as a real date'],
      [{ title: 'Ok', dueOn: 'tomorrow' }, 'dueOn', 'Enter the due date as a real date'],
      [{ title: 'Ok', assigneeUserId: 'someone' }, 'assigneeUserId', 'not a valid identifier'],
    ]
    for (const [form, field, message] of cases) {
      for (const [method, url] of [
        ['post', tasksUrl(project.id)],
        ['put', taskUrl(project.id, task.id)],
      ] as const) {
        const response = await formAs(client, owner, method, url, form)
        response.assertStatus(422)
        assert.include(response.text(), `id="${field}-error"`, `${method} ${JSON.stringify(form)}`)
        assert.include(response.text(), message)
      }
    }
    const json = await jsonAs(client, owner, 'post', tasksUrl(project.id), {
      title: 'Ok',
      dueOn: '2026-13-01',
    })
    json.assertStatus(422)
    assert.deepEqual(json.body().errors[0].field, 'dueOn')
    assert.deepEqual(await workspaceOf(fixture), before)
  })

  test('a task is not given to someone who is not a member of the store', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const other = await createStore()
    const stranger = await createUser()
    const project = await seedProject(fixture)
    const task = await seedTask(fixture, project.id, 'Keep me')
    const before = await workspaceOf(fixture)
    for (const outsider of [stranger, other.members.member]) {
      const created = await formAs(client, fixture.owner, 'post', tasksUrl(project.id), {
        title: 'For an outsider',
        assigneeUserId: outsider.id,
      })
      created.assertStatus(422)
      assert.include(created.text(), 'Only a member of this store can be given a task')
      const updated = await formAs(client, fixture.owner, 'put', taskUrl(project.id, task.id), {
        title: 'Keep me',
        assigneeUserId: outsider.id,
      })
      updated.assertStatus(422)
      assert.include(updated.text(), 'id="assigneeUserId-error"')
    }
    assert.deepEqual(await workspaceOf(fixture), before)
  })
})

test.group('Workspace tasks | a member who leaves', () => {
  test("a removed member's tasks become unassigned; other stores' tasks are left alone", async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const elsewhere = await createStore()
    const admin = fixture.members.admin
    await withTenant(elsewhere.store, () => Membership.create({ userId: admin.id, role: 'member' }))
    const project = await seedProject(fixture)
    await seedTask(fixture, project.id, 'Theirs', { assigneeUserId: admin.id })
    const other = await seedProject(elsewhere)
    await seedTask(elsewhere, other.id, 'Kept', { assigneeUserId: admin.id })
    const membershipId = await membershipIdOf(fixture.store, admin)
    await expectStatus(
      formAs(client, fixture.owner, 'delete', `/dashboard/team/${membershipId}`),
      302
    )
    assert.isNull((await workspaceOf(fixture)).tasks[0].assignee_user_id)
    assert.equal((await workspaceOf(elsewhere)).tasks[0].assignee_user_id, admin.id)
  })
})

test.group('Workspace tasks | the list view', () => {
  test('filters by column and by assignee (or nobody)', async ({ client, assert }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const admin = fixture.members.admin
    await seedTask(fixture, project.id, 'Alpha task', { assigneeUserId: admin.id })
    await seedTask(fixture, project.id, 'Bravo task', { status: 'done', assigneeUserId: admin.id })
    await seedTask(fixture, project.id, 'Charlie task')
    const list = (query: string) =>
      client.get(`${tasksUrl(project.id)}${query}`).loginAs(fixture.members.finance)
    const all = (await list('')).text()
    for (const title of ['Alpha task', 'Bravo task', 'Charlie task']) assert.include(all, title)
    const done = (await list('?status=done')).text()
    assert.include(done, 'Bravo task')
    assert.notInclude(done, 'Alpha task')
    const mine = (await list(`?assignee=${admin.id}`)).text()
    assert.include(mine, 'Alpha task')
    assert.notInclude(mine, 'Charlie task')
    const nobody = (await list('?assignee=none')).text()
    assert.include(nobody, 'Charlie task')
    assert.notInclude(nobody, 'Alpha task')
    const odd = await list('?assignee=%27%3B--&status=later&sort=evil&page=-1')
    odd.assertStatus(200)
    assert.include(odd.text(), 'Charlie task')
    const sorted = (await list('?sort=title&dir=desc')).text()
    assert.isBelow(sorted.indexOf('Charlie task'), sorted.indexOf('Alpha task'))
  })
})
