import type Project from '../models/project.js'
import type Task from '../models/task.js'

/** A project as the JSON API shows it */
export function projectShape(project: Project) {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    color: project.color,
    archived: project.isArchived,
    archivedAt: project.archivedAt?.toISO() ?? null,
    createdAt: project.createdAt.toISO(),
    updatedAt: project.updatedAt.toISO(),
  }
}

/** A task as the JSON API shows it: its column (`status`) and place in it (`position`, 0 at the top) */
export function taskShape(task: Task) {
  return {
    id: task.id,
    projectId: task.projectId,
    title: task.title,
    description: task.description,
    status: task.status,
    position: task.position,
    assigneeUserId: task.assigneeUserId,
    dueOn: task.dueOn?.toISODate() ?? null,
    createdAt: task.createdAt.toISO(),
    updatedAt: task.updatedAt.toISO(),
  }
}

/** The fields of `body` among `names`, for a partial update merged onto the saved values */
export function sentFields(body: Record<string, unknown>, names: readonly string[]) {
  return Object.fromEntries(names.filter((name) => name in body).map((name) => [name, body[name]]))
}
