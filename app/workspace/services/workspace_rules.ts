import { DateTime } from 'luxon'
import { Conflict, Invalid, NotFound } from '#core/mod'
import { Membership } from '#identity/mod'
import { currentClient, currentTenant } from '#tenancy/mod'
import Project from '../models/project.js'
import Task from '../models/task.js'
import type { Placed } from './board.js'
import { say } from '../messages.js'

/**
 * The project, locked (`SELECT … FOR UPDATE`) until the unit of work ends.
 * Every change to a project's tasks takes this lock first, so two changes to
 * one board run one after the other and the second sees what the first did.
 */
export async function lockProject(id: string) {
  const project = await Project.query().where('id', id).forUpdate().first()
  if (!project) throw new NotFound(say('errors.project_not_found'))
  return project
}

/** An archived project's board is read-only until it is restored */
export function ensureOpen(project: Project) {
  if (project.isArchived) {
    throw new Conflict(say('errors.project_archived', { name: project.name }))
  }
}

/** The project's tasks in board order (the lock on the project keeps them as read) */
export function tasksOf(project: Project) {
  return Task.query()
    .where('project_id', project.id)
    .orderBy('position', 'asc')
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
}

/** A task of the project, or 404: a task of another project is as unknown as another store's */
export function taskIn(tasks: Task[], id: string) {
  const task = tasks.find((candidate) => candidate.id === id)
  if (!task) throw new NotFound(say('errors.task_not_found'))
  return task
}

/**
 * What a change to one task starts from: its open project locked, the
 * project's tasks read under that lock, and the task among them (or 404).
 */
export async function lockedTask(projectId: string, taskId: string) {
  const project = await lockProject(projectId)
  ensureOpen(project)
  const tasks = await tasksOf(project)
  return { project, tasks, task: taskIn(tasks, taskId) }
}

/** Writes the new places of the tasks that moved (the deferred unique check runs at commit) */
export async function savePlaces(tasks: Task[], places: Placed[]) {
  const byId = new Map(tasks.map((task) => [task.id, task]))
  for (const place of places) {
    const task = byId.get(place.id)
    if (!task) continue
    task.status = place.status
    task.position = place.position
    await Task.query()
      .where('id', place.id)
      .update({ status: place.status, position: place.position })
  }
}

/** Only a member of the current store may be given a task */
export async function ensureAssignee(userId: string | null) {
  if (!userId) return null
  const membership = await Membership.query().where('user_id', userId).select('id').first()
  if (!membership) throw new Invalid(say('errors.assignee_not_member'), 'assigneeUserId')
  return userId
}

/** A due date as typed (YYYY-MM-DD), or null; a date that does not exist is refused */
export function dueDate(text: string | null | undefined) {
  if (!text) return null
  const date = DateTime.fromISO(text, { zone: 'utc' })
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !date.isValid || date.year < 2000 || date.year > 2100) {
    throw new Invalid(say('errors.due_on_invalid'), 'dueOn')
  }
  return date
}

/**
 * Refuses a name another project that is not archived already has (in any
 * case). Two members naming projects alike at once take the same
 * transaction-level lock, so the second waits and then sees the first.
 */
export async function ensureNameFree(name: string, exceptId: string | null) {
  await currentClient().rawQuery('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `${currentTenant().id}:project-name:${name.toLowerCase()}`,
  ])
  const taken = await Project.query()
    .whereNull('archived_at')
    .whereRaw('lower(name) = lower(?)', [name])
    .if(exceptId, (query) => query.whereNot('id', exceptId!))
    .select('id')
    .first()
  if (taken) throw new Conflict(say('errors.name_taken', { name }), 'name')
}
