import { clock } from '#core/mod'
import { Membership } from '#identity/mod'
import CreateProject from '../operations/create_project.js'
import CreateTask from '../operations/create_task.js'
import type { TaskStatus } from './board.js'
import { hasProjects } from '../queries/projects.js'

/** [title, column, index of the member it is given to (by join order), days until due] */
type DemoTask = [string, TaskStatus, number | null, number | null]

const DEMO_PROJECTS: { name: string; description: string; tasks: DemoTask[] }[] = [
  {
    name: 'Summer launch',
    description: 'The linen collection: photos, listings and the announcement.',
    tasks: [
      ['Photograph the linen shirts', 'done', 1, null],
      ['Write the product descriptions', 'doing', 3, 3],
      ['Set the launch prices', 'doing', 2, 5],
      ['Announce the collection', 'todo', 0, 10],
      ['Restock the canvas totes', 'todo', null, null],
    ],
  },
  {
    name: 'Shop refresh',
    description: 'Small fixes the team noted for the storefront.',
    tasks: [
      ['Choose the new banner photo', 'done', 0, null],
      ['Check the Arabic product names', 'todo', 3, 7],
      ['Reply to supplier about mugs', 'todo', 1, 2],
    ],
  },
]

/**
 * Two projects with a few tasks each for the current store, given to its
 * members; nothing when the store has projects already. Runs inside the
 * store's unit of work.
 */
export async function seedDemoWorkspace() {
  if (await hasProjects()) return
  const members = await Membership.query().orderBy('created_at', 'asc').select('user_id')
  const userAt = (index: number | null) =>
    index === null ? null : (members[index % Math.max(members.length, 1)]?.userId ?? null)
  for (const demo of DEMO_PROJECTS) {
    const project = await new CreateProject().handle({
      actorUserId: null,
      name: demo.name,
      description: demo.description,
    })
    for (const [title, status, member, due] of demo.tasks) {
      await new CreateTask().handle({
        actorUserId: null,
        projectId: project.id,
        title,
        status,
        assigneeUserId: userAt(member),
        dueOn: due === null ? null : clock.now().plus({ days: due }).toISODate(),
      })
    }
  }
}
