import db from '@adonisjs/lucid/services/db'
import { CreateProject, CreateTask, type TaskStatus } from '#workspace/mod'
import { withTenant } from '#tenancy/mod'
import type { TestStore } from '#tests/helpers'

export const PROJECTS = '/dashboard/projects'
export const projectUrl = (id: string) => `${PROJECTS}/${id}`
export const tasksUrl = (projectId: string) => `${PROJECTS}/${projectId}/tasks`
export const taskUrl = (projectId: string, id: string) => `${tasksUrl(projectId)}/${id}`
export const moveUrl = (projectId: string, id: string) => `${taskUrl(projectId, id)}/position`

/** A project made through the operation, as store `fixture`'s owner */
export function seedProject(fixture: TestStore, name = 'Summer launch') {
  return withTenant(fixture.store, () =>
    new CreateProject().handle({ actorUserId: fixture.owner.id, name, description: '' })
  )
}

export function seedTask(
  fixture: TestStore,
  projectId: string,
  title: string,
  options: { status?: TaskStatus; assigneeUserId?: string | null } = {}
) {
  return withTenant(fixture.store, () =>
    new CreateTask().handle({
      actorUserId: fixture.owner.id,
      projectId,
      title,
      status: options.status,
      assigneeUserId: options.assigneeUserId ?? null,
    })
  )
}

/** Everything of the workspace a store holds, read past row-level security */
export async function workspaceOf(fixture: TestStore) {
  const platform = db.connection('platform')
  const where = { tenant_id: fixture.store.id }
  const projects = await platform
    .from('projects')
    .where(where)
    .orderBy('created_at')
    .orderBy('id')
    .select('*')
  const tasks = await platform
    .from('tasks')
    .where(where)
    .orderBy('status')
    .orderBy('position')
    .orderBy('id')
    .select('*')
  return JSON.parse(JSON.stringify({ projects, tasks }))
}

/** The board as titles per column, top to bottom, read past row-level security */
export async function columnsOf(fixture: TestStore, projectId: string) {
  const { tasks } = await workspaceOf(fixture)
  const columns: Record<TaskStatus, string[]> = { todo: [], doing: [], done: [] }
  for (const task of tasks.filter((row: any) => row.project_id === projectId)) {
    columns[task.status as TaskStatus].push(task.title)
  }
  return columns
}

/** Each column's positions, in order: dense means exactly 0..n-1 */
export async function positionsOf(fixture: TestStore, projectId: string) {
  const { tasks } = await workspaceOf(fixture)
  const positions: Record<TaskStatus, number[]> = { todo: [], doing: [], done: [] }
  for (const task of tasks.filter((row: any) => row.project_id === projectId)) {
    positions[task.status as TaskStatus].push(task.position)
  }
  return positions
}

export const dense = (count: number) => Array.from({ length: count }, (_, index) => index)

export async function activitiesOf(fixture: TestStore) {
  return db
    .connection('platform')
    .from('activities')
    .where('tenant_id', fixture.store.id)
    .where('action', 'like', 'workspace.%')
    .orderBy('created_at', 'asc')
    .select('action', 'data', 'actor_user_id')
}
