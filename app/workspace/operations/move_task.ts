import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import {
  changedPlaces,
  columnsOf,
  destinationOf,
  moveInColumns,
  type Move,
} from '../services/board.js'
import { lockedTask, savePlaces } from '../services/workspace_rules.js'
import { say } from '../messages.js'

export interface MoveTaskInput {
  actorUserId: string | null
  projectId: string
  id: string
  move: Move
}

/**
 * Moves a task up or down its column, to the column before or after, or to
 * a given column and place. The project is locked and the board read again
 * under the lock, then the columns it touches are numbered 0..n-1 again: two
 * moves at once run one after the other and leave no gap and no tie.
 */
export default class MoveTask {
  async handle(input: MoveTaskInput) {
    const { project, tasks, task } = await lockedTask(input.projectId, input.id)
    const from = task.status
    const columns = columnsOf(tasks)
    const to = destinationOf(columns, task.id, input.move)
    if (!to) throw new NotFound(say('errors.task_not_found'))
    await savePlaces(tasks, changedPlaces(tasks, moveInColumns(columns, task.id, to)))
    if (to.status !== from || to.index !== columns[from].indexOf(task.id)) {
      await emitter.emit('workspace:task_moved', {
        tenantId: currentTenant().id,
        actorUserId: input.actorUserId,
        projectId: project.id,
        projectName: project.name,
        taskId: task.id,
        title: task.title,
        status: to.status,
        from,
        position: to.index,
      })
    }
    return task
  }
}
