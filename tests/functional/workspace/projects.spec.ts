import { test } from '@japa/runner'
import { createStore } from '#tests/helpers'
import {
  atOnce,
  expectRedirect,
  expectStatus,
  formAs,
  jsonAs,
  statusesOf,
} from '../identity/support.js'
import {
  PROJECTS,
  activitiesOf,
  projectUrl,
  seedProject,
  seedTask,
  workspaceOf,
} from './support.js'

const projectForm = (overrides: Record<string, unknown> = {}) => ({
  name: 'Summer launch',
  description: 'Linen collection',
  color: 'green',
  ...overrides,
})

test.group('Workspace projects | who may see and change them', () => {
  for (const role of ['owner', 'admin', 'finance', 'member'] as const) {
    test(`a ${role} sees the projects and a board${role === 'finance' ? ', read-only' : ''}`, async ({
      client,
      assert,
    }) => {
      const fixture = await createStore()
      const project = await seedProject(fixture, 'Shop refresh')
      await seedTask(fixture, project.id, 'Pick a banner')
      const user = fixture.members[role]
      const list = await expectStatus(client.get(PROJECTS).loginAs(user), 200)
      assert.include(list.text(), 'Shop refresh')
      assert.equal(list.text().includes(`href="${PROJECTS}/create"`), role !== 'finance')
      const board = await expectStatus(client.get(projectUrl(project.id)).loginAs(user), 200)
      assert.include(board.text(), 'Pick a banner')
      const writes = ['id="quick-task-form"', '/position', 'archive-project', '/edit"']
      for (const mark of writes) assert.equal(board.text().includes(mark), role !== 'finance', mark)
      const listView = await expectStatus(
        client.get(`${projectUrl(project.id)}/tasks`).loginAs(user),
        200
      )
      assert.include(listView.text(), 'Pick a banner')
      assert.equal(listView.text().includes('delete-task-'), role !== 'finance')
    })
  }

  test('finance gets 403 on every write route and nothing changes', async ({ client, assert }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const task = await seedTask(fixture, project.id, 'Write copy')
    const finance = fixture.members.finance
    const before = await workspaceOf(fixture)
    const taskAt = `${projectUrl(project.id)}/tasks/${task.id}`
    await expectStatus(client.get(`${PROJECTS}/create`).loginAs(finance), 403)
    await expectStatus(client.get(`${projectUrl(project.id)}/edit`).loginAs(finance), 403)
    await expectStatus(client.get(`${projectUrl(project.id)}/tasks/create`).loginAs(finance), 403)
    await expectStatus(client.get(`${taskAt}/edit`).loginAs(finance), 403)
    await expectStatus(formAs(client, finance, 'post', PROJECTS, projectForm()), 403)
    await expectStatus(formAs(client, finance, 'put', projectUrl(project.id), projectForm()), 403)
    await expectStatus(formAs(client, finance, 'post', `${projectUrl(project.id)}/archival`), 403)
    await expectStatus(formAs(client, finance, 'delete', `${projectUrl(project.id)}/archival`), 403)
    await expectStatus(
      formAs(client, finance, 'post', `${projectUrl(project.id)}/tasks`, { title: 'Mine' }),
      403
    )
    await expectStatus(formAs(client, finance, 'put', taskAt, { title: 'Mine' }), 403)
    await expectStatus(
      formAs(client, finance, 'put', `${taskAt}/position`, { direction: 'next' }),
      403
    )
    await expectStatus(formAs(client, finance, 'delete', taskAt), 403)
    assert.deepEqual(await workspaceOf(fixture), before)
  })
})

test.group('Workspace projects | creating and editing', () => {
  test('a member creates a project; it opens on its board and the activity log says so', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const member = fixture.members.member
    const response = await expectStatus(
      formAs(client, member, 'post', PROJECTS, projectForm()),
      302
    )
    const [project] = (await workspaceOf(fixture)).projects
    response.assertHeader('location', projectUrl(project.id))
    assert.include(project, {
      name: 'Summer launch',
      description: 'Linen collection',
      color: 'green',
      created_by: member.id,
      archived_at: null,
    })
    const board = await client.get(projectUrl(project.id)).loginAs(member)
    assert.include(board.text(), 'accent-green')
    const activity = await activitiesOf(fixture)
    assert.deepEqual(
      activity.map((entry) => [entry.action, entry.data.name, entry.actor_user_id]),
      [['workspace.project_created', 'Summer launch', member.id]]
    )
    const overview = await client.get('/dashboard/activity').loginAs(fixture.owner)
    assert.include(overview.text(), 'started the project “Summer launch”')
  })

  test('an edit renames the project and changes its colour', async ({ client, assert }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    await expectStatus(client.get(`${projectUrl(project.id)}/edit`).loginAs(fixture.owner), 200)
    await expectRedirect(
      formAs(client, fixture.members.admin, 'put', projectUrl(project.id), {
        name: 'Autumn launch',
        description: '',
        color: 'plum',
      }),
      projectUrl(project.id)
    )
    const [saved] = (await workspaceOf(fixture)).projects
    assert.include(saved, { name: 'Autumn launch', color: 'plum', description: '' })
    const actions = (await activitiesOf(fixture)).map((entry) => entry.action)
    assert.deepEqual(actions, ['workspace.project_created', 'workspace.project_updated'])
  })

  test('bad input is refused with a message beside the field and nothing is written', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedProject(fixture, 'Taken name')
    const before = await workspaceOf(fixture)
    const owner = fixture.owner
    const empty = await formAs(client, owner, 'post', PROJECTS, projectForm({ name: '' }))
    empty.assertStatus(422)
    assert.include(empty.text(), 'id="name-error"')
    assert.include(empty.text(), 'Name is required')
    const long = await formAs(
      client,
      owner,
      'post',
      PROJECTS,
      projectForm({ name: 'x'.repeat(121) })
    )
    long.assertStatus(422)
    assert.include(long.text(), 'Name can have at most 120 characters')
    const colour = await formAs(client, owner, 'post', PROJECTS, projectForm({ color: 'pink' }))
    colour.assertStatus(422)
    assert.include(colour.text(), 'id="color-error"')
    const taken = await formAs(client, owner, 'post', PROJECTS, projectForm({ name: 'taken NAME' }))
    taken.assertStatus(422)
    assert.include(taken.text(), 'Another active project is already called “taken NAME”')
    const json = await jsonAs(client, owner, 'post', PROJECTS, { name: '', color: 'blue' })
    json.assertStatus(422)
    assert.equal(json.body().errors[0].field, 'name')
    assert.deepEqual(await workspaceOf(fixture), before)
  })

  test('two projects named alike at once: one is created, the other is told the name is taken', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const responses = await atOnce(4, (index) =>
      formAs(client, fixture.members[index % 2 ? 'admin' : 'member'], 'post', PROJECTS, {
        ...projectForm(),
        name: index % 2 ? 'Same name' : 'same NAME',
      })
    )
    assert.deepEqual(statusesOf(responses), [302, 422, 422, 422])
    assert.lengthOf((await workspaceOf(fixture)).projects, 1)
  })

  test('the list sorts, searches and pages', async ({ client, assert }) => {
    const fixture = await createStore()
    for (const name of ['Bravo', 'alpha', 'Charlie']) await seedProject(fixture, name)
    const sorted = await client.get(`${PROJECTS}?sort=name&dir=asc`).loginAs(fixture.owner)
    const html = sorted.text()
    assert.isBelow(html.indexOf('>alpha<'), html.indexOf('>Bravo<'))
    assert.isBelow(html.indexOf('>Bravo<'), html.indexOf('>Charlie<'))
    const searched = await client.get(`${PROJECTS}?q=rav`).loginAs(fixture.owner)
    assert.include(searched.text(), 'Bravo')
    assert.notInclude(searched.text(), 'Charlie')
    const paged = await client.get(`${PROJECTS}?sort=name&perPage=10&page=9`).loginAs(fixture.owner)
    paged.assertStatus(200)
    const fragment = await client
      .get(`${PROJECTS}?sort=name`)
      .header('hx-request', 'true')
      .header('hx-target', 'projects')
      .loginAs(fixture.owner)
    assert.notInclude(fragment.text(), '<html')
    assert.include(fragment.text(), 'id="projects"')
  })
})

test.group('Workspace projects | archiving', () => {
  test('an archived project leaves the active list, reads only, and comes back', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture, 'Old season')
    const task = await seedTask(fixture, project.id, 'Count stock')
    const owner = fixture.owner
    await expectRedirect(
      formAs(client, owner, 'post', `${projectUrl(project.id)}/archival`),
      projectUrl(project.id)
    )
    assert.isNotNull((await workspaceOf(fixture)).projects[0].archived_at)
    assert.notInclude((await client.get(PROJECTS).loginAs(owner)).text(), 'Old season')
    assert.include(
      (await client.get(`${PROJECTS}?show=archived`).loginAs(owner)).text(),
      'Old season'
    )
    const board = await client.get(projectUrl(project.id)).loginAs(owner)
    assert.include(board.text(), 'This project is archived')
    assert.notInclude(board.text(), 'id="quick-task-form"')
    assert.notInclude(board.text(), '/position')

    const before = await workspaceOf(fixture)
    const refused = await formAs(client, owner, 'post', `${projectUrl(project.id)}/tasks`, {
      title: 'Another',
    })
    refused.assertStatus(422)
    assert.include(refused.text(), '“Old season” is archived: restore it to change its tasks.')
    const move = await formAs(
      client,
      owner,
      'put',
      `${projectUrl(project.id)}/tasks/${task.id}/position`,
      {
        direction: 'next',
      }
    )
    move.assertStatus(422)
    await expectStatus(
      formAs(client, owner, 'delete', `${projectUrl(project.id)}/tasks/${task.id}`),
      409
    )
    assert.deepEqual(await workspaceOf(fixture), before)

    await expectRedirect(
      formAs(client, owner, 'delete', `${projectUrl(project.id)}/archival`),
      projectUrl(project.id)
    )
    assert.isNull((await workspaceOf(fixture)).projects[0].archived_at)
    const actions = (await activitiesOf(fixture)).map((entry) => entry.action)
    assert.includeMembers(actions, ['workspace.project_archived', 'workspace.project_restored'])
  })

  test('a project whose name an active project took is not restored (409, said on the board)', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const old = await seedProject(fixture, 'Launch')
    await expectStatus(formAs(client, fixture.owner, 'post', `${projectUrl(old.id)}/archival`), 302)
    await seedProject(fixture, 'Launch')
    const refused = await formAs(client, fixture.owner, 'delete', `${projectUrl(old.id)}/archival`)
    refused.assertStatus(409)
    assert.include(refused.text(), 'Another active project is already called “Launch”')
    const archived = (await workspaceOf(fixture)).projects.find((row: any) => row.id === old.id)
    assert.isNotNull(archived.archived_at)
  })
})
