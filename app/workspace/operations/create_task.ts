import emitter from '@adonisjs/core/services/emitter'
import { countRows, ensureCapacity } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Task from '../models/task.js'
import type { TaskStatus } from '../services/board.js'
import {
  dueDate,
  ensureAssignee,
  ensureOpen,
  lockProject,
  tasksOf,
} from '../services/workspace_rules.js'

export interface CreateTaskInput {
  actorUserId: string | null
  projectId: string
  title: string
  description?: string | null
  /** To do unless said */
  status?: TaskStatus
  assigneeUserId?: string | null
  /** YYYY-MM-DD */
  dueOn?: string | null
}

/**
 * Adds a task at the bottom of its column, in the store's one transaction
 * (so a later limit on tasks can be checked inside it). The project is
 * locked first, so two tasks added at once get the next two places.
 */
export default class CreateTask {
  async handle(input: CreateTaskInput) {
    const project = await lockProject(input.projectId)
    ensureOpen(project)
    const assigneeUserId = await ensureAssignee(input.assigneeUserId ?? null)
    const dueOn = dueDate(input.dueOn)
    const status = input.status ?? 'todo'
    const tasks = await tasksOf(project)
    const column = tasks.filter((task) => task.status === status)
    await ensureCapacity('tasks', () => countRows(Task.query().count('* as total')))
    const task = await Task.create({
      projectId: project.id,
      title: input.title,
      description: input.description ?? '',
      status,
      assigneeUserId,
      dueOn,
      position: column.length,
    })
    await emitter.emit('workspace:task_created', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      projectId: project.id,
      projectName: project.name,
      taskId: task.id,
      title: task.title,
      status: task.status,
      assigneeUserId,
    })
    return task
  }
}
