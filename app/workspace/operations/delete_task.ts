import emitter from '@adonisjs/core/services/emitter'
import { currentTenant } from '#tenancy/mod'
import { changedPlaces, columnsOf, withoutTask } from '../services/board.js'
import { lockedTask, savePlaces } from '../services/workspace_rules.js'

export interface DeleteTaskInput {
  actorUserId: string | null
  projectId: string
  id: string
}

/** Deletes a task; the tasks below it in its column move up one */
export default class DeleteTask {
  async handle(input: DeleteTaskInput) {
    const { project, tasks, task } = await lockedTask(input.projectId, input.id)
    await task.delete()
    const rest = tasks.filter((other) => other.id !== task.id)
    await savePlaces(rest, changedPlaces(rest, withoutTask(columnsOf(tasks), task.id)))
    await emitter.emit('workspace:task_deleted', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      projectId: project.id,
      projectName: project.name,
      taskId: task.id,
      title: task.title,
      status: task.status,
    })
    return task
  }
}
