import { test } from '@japa/runner'
import { createStore } from '#tests/helpers'
import { atOnce, expectStatus, formAs } from '../identity/support.js'
import {
  activitiesOf,
  columnsOf,
  dense,
  moveUrl,
  positionsOf,
  projectUrl,
  seedProject,
  seedTask,
  tasksUrl,
  workspaceOf,
} from './support.js'

test.group('Workspace board | moving tasks', () => {
  test('a task moves to the next column, back, up and down (form posts come back to the card)', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const a = await seedTask(fixture, project.id, 'A')
    const b = await seedTask(fixture, project.id, 'B')
    await seedTask(fixture, project.id, 'C')
    const member = fixture.members.member
    const move = (id: string, direction: string) =>
      formAs(client, member, 'put', moveUrl(project.id, id), { direction })

    const response = await expectStatus(move(b.id, 'next'), 302)
    response.assertHeader('location', `${projectUrl(project.id)}#task-${b.id}`)
    assert.deepEqual(await columnsOf(fixture, project.id), {
      todo: ['A', 'C'],
      doing: ['B'],
      done: [],
    })
    await expectStatus(move(b.id, 'next'), 302)
    assert.deepEqual(await columnsOf(fixture, project.id), {
      todo: ['A', 'C'],
      doing: [],
      done: ['B'],
    })
    await expectStatus(move(b.id, 'next'), 302)
    assert.deepEqual((await columnsOf(fixture, project.id)).done, ['B'], 'done is the last column')
    await expectStatus(move(b.id, 'previous'), 302)
    await expectStatus(move(a.id, 'down'), 302)
    assert.deepEqual(await columnsOf(fixture, project.id), {
      todo: ['C', 'A'],
      doing: ['B'],
      done: [],
    })
    await expectStatus(move(a.id, 'up'), 302)
    await expectStatus(move(a.id, 'up'), 302)
    assert.deepEqual((await columnsOf(fixture, project.id)).todo, ['A', 'C'])
    await expectStatus(
      formAs(client, member, 'put', moveUrl(project.id, a.id), { status: 'done', position: 0 }),
      302
    )
    assert.deepEqual(await columnsOf(fixture, project.id), {
      todo: ['C'],
      doing: ['B'],
      done: ['A'],
    })
    assert.deepEqual(await positionsOf(fixture, project.id), { todo: [0], doing: [0], done: [0] })

    const moved = (await activitiesOf(fixture)).filter(
      (entry) => entry.action === 'workspace.task_moved'
    )
    assert.deepEqual(
      moved.map((entry) => [entry.data.title, entry.data.from, entry.data.status]),
      [
        ['B', 'todo', 'doing'],
        ['B', 'doing', 'done'],
        ['B', 'done', 'doing'],
        ['A', 'todo', 'done'],
      ],
      'moves within a column are not logged'
    )
  })

  test('htmx gets the board back, with the message as an HX-Trigger', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const task = await seedTask(fixture, project.id, 'Swap me')
    const response = await client
      .put(moveUrl(project.id, task.id))
      .form({ direction: 'next' })
      .header('hx-request', 'true')
      .header('hx-target', 'board')
      .loginAs(fixture.owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(200)
    assert.notInclude(response.text(), '<html')
    assert.match(response.text(), /^\s*<div id="board"/)
    assert.include(response.text(), `id="task-${task.id}" class="stack" data-status="doing"`)
    assert.include(String(response.header('hx-trigger')), 'flash')
  })

  test('a move that says nowhere, or nonsense, is refused (422) and nothing moves', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const task = await seedTask(fixture, project.id, 'Stay')
    const before = await workspaceOf(fixture)
    for (const form of [
      {},
      { direction: 'sideways' },
      { status: 'later' },
      { status: 'done', position: -1 },
    ]) {
      const response = await formAs(
        client,
        fixture.owner,
        'put',
        moveUrl(project.id, task.id),
        form
      )
      response.assertStatus(422)
      assert.include(response.text(), 'role="alert"')
    }
    assert.deepEqual(await workspaceOf(fixture), before)
  })

  test('a task of another project of the same store is not found through this one', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const one = await seedProject(fixture, 'One')
    const two = await seedProject(fixture, 'Two')
    const task = await seedTask(fixture, two.id, 'Of two')
    const before = await workspaceOf(fixture)
    await expectStatus(
      formAs(client, fixture.owner, 'put', moveUrl(one.id, task.id), { direction: 'next' }),
      404
    )
    await expectStatus(
      client.get(`${tasksUrl(one.id)}/${task.id}/edit`).loginAs(fixture.owner),
      404
    )
    await expectStatus(
      formAs(client, fixture.owner, 'delete', `${tasksUrl(one.id)}/${task.id}`),
      404
    )
    assert.deepEqual(await workspaceOf(fixture), before)
  })
})

test.group('Workspace board | moves at once', () => {
  test('moves fired together keep every column dense, with no two tasks in one place', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    const tasks: { id: string }[] = []
    for (let index = 0; index < 8; index++) {
      tasks.push(await seedTask(fixture, project.id, `T${index}`))
    }
    const steps = ['next', 'next', 'down', 'up', 'next', 'previous', 'up', 'next']
    const responses = await atOnce(16, (index) =>
      formAs(
        client,
        fixture.members[index % 2 ? 'member' : 'admin'],
        'put',
        moveUrl(project.id, tasks[index % 8].id),
        {
          direction: steps[(index * 3) % steps.length],
        }
      )
    )
    assert.deepEqual(
      responses.map((response) => response.status()),
      responses.map(() => 302)
    )
    const positions = await positionsOf(fixture, project.id)
    for (const column of ['todo', 'doing', 'done'] as const) {
      assert.deepEqual(positions[column], dense(positions[column].length), column)
    }
    const total = positions.todo.length + positions.doing.length + positions.done.length
    assert.equal(total, 8)
  })

  test('tasks added together get the next places, one each', async ({ client, assert }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture)
    await seedTask(fixture, project.id, 'Existing')
    const responses = await atOnce(10, (index) =>
      formAs(client, fixture.members.member, 'post', tasksUrl(project.id), {
        title: `New ${index}`,
      })
    )
    assert.deepEqual(
      responses.map((response) => response.status()),
      responses.map(() => 302)
    )
    assert.deepEqual(await positionsOf(fixture, project.id), {
      todo: dense(11),
      doing: [],
      done: [],
    })
  })
})
