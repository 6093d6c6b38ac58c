import type { HttpContext } from '@adonisjs/core/http'
import { Invalid, NotFound, flashMessage, submitForm, wantsFragment, wantsJson } from '#core/mod'
import MoveTask from '../operations/move_task.js'
import type { Move } from '../services/board.js'
import { taskPositionValidator } from '../validators/workspace_validators.js'
import { findTask } from '../queries/tasks.js'
import { BOARD_ID, projectOrFail, renderBoard } from './project_pages.js'
import { boardAt } from './tasks_controller.js'
import { say } from '../messages.js'

/**
 * A task's place on the board: a step (up, down, the column before or
 * after) or a column and a place. htmx gets the board again; a plain form
 * post is sent back to the board, at the task's card.
 */
export default class TaskPositionsController {
  async update(ctx: HttpContext) {
    const project = await projectOrFail(ctx.params.projectId)
    const task = await findTask(project, ctx.params.id)
    if (!task) throw new NotFound(say('errors.task_not_found'))
    const moved = await submitForm(ctx, {
      validator: taskPositionValidator,
      render: (form) => renderBoard(ctx, project, Object.values(form.errors)[0] ?? null),
      action: ({ direction, status, position }) => {
        let move: Move
        if (direction) move = { step: direction }
        else if (status) move = { status, position }
        else throw new Invalid(say('errors.move_where'), 'direction')
        return new MoveTask().handle({
          actorUserId: ctx.auth.user?.id ?? null,
          projectId: project.id,
          id: task.id,
          move,
        })
      },
    })
    if (wantsJson(ctx))
      return { task: { id: moved.id, status: moved.status, position: moved.position } }
    const column = say(`statuses.${moved.status}`)
    flashMessage(ctx, 'success', say('tasks.moved', { title: moved.title, column }))
    if (wantsFragment(ctx, BOARD_ID)) return renderBoard(ctx, project)
    return ctx.response.redirect(boardAt(project, moved))
  }
}
