import { test } from '@japa/runner'
import { createStore } from '#tests/helpers'
import { expectStatus, formAs, jsonAs } from '../identity/support.js'
import {
  PROJECTS,
  moveUrl,
  projectUrl,
  seedProject,
  seedTask,
  taskUrl,
  tasksUrl,
  workspaceOf,
} from './support.js'

test.group('Workspace | another store', () => {
  test("another store's member gets 404 on every route aimed at the first store's project and task", async ({
    client,
    assert,
  }) => {
    const victim = await createStore()
    const project = await seedProject(victim, 'Secret project')
    const task = await seedTask(victim, project.id, 'Secret task')
    const attacker = await createStore()
    const ownProject = await seedProject(attacker, 'Own project')
    const before = await workspaceOf(victim)

    for (const intruder of [attacker.owner, attacker.members.member, attacker.members.finance]) {
      const asked = intruder === attacker.members.finance ? 'finance' : 'writer'
      const reads = [
        projectUrl(project.id),
        tasksUrl(project.id),
        ...(asked === 'writer'
          ? [
              `${projectUrl(project.id)}/edit`,
              `${tasksUrl(project.id)}/create`,
              `${taskUrl(project.id, task.id)}/edit`,
              `${tasksUrl(ownProject.id)}/${task.id}/edit`,
            ]
          : []),
      ]
      for (const url of reads) {
        const response = await expectStatus(client.get(url).loginAs(intruder), 404)
        assert.notInclude(response.text(), 'Secret')
      }
      if (asked === 'finance') continue
      const writes: [
        method: 'post' | 'put' | 'delete',
        url: string,
        form: Record<string, unknown>,
      ][] = [
        ['put', projectUrl(project.id), { name: 'Mine', color: 'blue' }],
        ['post', `${projectUrl(project.id)}/archival`, {}],
        ['delete', `${projectUrl(project.id)}/archival`, {}],
        ['post', tasksUrl(project.id), { title: 'Planted' }],
        ['put', taskUrl(project.id, task.id), { title: 'Mine' }],
        ['put', moveUrl(project.id, task.id), { direction: 'next' }],
        ['delete', taskUrl(project.id, task.id), {}],
        ['put', moveUrl(ownProject.id, task.id), { direction: 'next' }],
        ['put', taskUrl(ownProject.id, task.id), { title: 'Mine' }],
        ['delete', taskUrl(ownProject.id, task.id), {}],
      ]
      for (const [method, url, form] of writes) {
        await expectStatus(formAs(client, intruder, method, url, form), 404)
        await expectStatus(jsonAs(client, intruder, method, url, form), 404)
      }
    }
    const list = await client.get(PROJECTS).loginAs(attacker.owner)
    assert.notInclude(list.text(), 'Secret project')
    assert.include(list.text(), 'Own project')
    const archived = await client.get(`${PROJECTS}?show=archived`).loginAs(attacker.owner)
    assert.notInclude(archived.text(), 'Secret project')
    assert.deepEqual(await workspaceOf(victim), before)
  })
})
