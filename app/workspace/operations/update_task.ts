import emitter from '@adonisjs/core/services/emitter'
import { currentTenant } from '#tenancy/mod'
import {
  changedPlaces,
  columnsOf,
  destinationOf,
  moveInColumns,
  type TaskStatus,
} from '../services/board.js'
import { dueDate, ensureAssignee, lockedTask, savePlaces } from '../services/workspace_rules.js'

export interface UpdateTaskInput {
  actorUserId: string | null
  projectId: string
  id: string
  title: string
  description?: string | null
  status: TaskStatus
  assigneeUserId?: string | null
  /** YYYY-MM-DD */
  dueOn?: string | null
}

/**
 * Changes a task's details. A task given another status goes to the bottom
 * of that column, and the tasks below it in its old column move up one.
 */
export default class UpdateTask {
  async handle(input: UpdateTaskInput) {
    const { project, tasks, task } = await lockedTask(input.projectId, input.id)
    const assigneeUserId = await ensureAssignee(input.assigneeUserId ?? null)
    const dueOn = dueDate(input.dueOn)

    const from = task.status
    if (input.status !== from) {
      const columns = columnsOf(tasks)
      const to = destinationOf(columns, task.id, { status: input.status })!
      await savePlaces(tasks, changedPlaces(tasks, moveInColumns(columns, task.id, to)))
    }
    task.merge({
      title: input.title,
      description: input.description ?? '',
      assigneeUserId,
    })
    if ((task.dueOn?.toISODate() ?? null) !== (dueOn?.toISODate() ?? null)) task.dueOn = dueOn
    const changed = [
      ...Object.keys(task.$dirty).filter((field) => !['status', 'position'].includes(field)),
      ...(input.status !== from ? ['status'] : []),
    ]
    await task.save()
    await emitter.emit('workspace:task_updated', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      projectId: project.id,
      projectName: project.name,
      taskId: task.id,
      title: task.title,
      status: task.status,
      assigneeUserId,
      changed,
    })
    return task
  }
}
