import type { HttpContext } from '@adonisjs/core/http'
import { Invalid, NotFound, afterCursor, nextCursorOf, readCursorPage, validate } from '#core/mod'
import Task from '../../models/task.js'
import CreateTask from '../../operations/create_task.js'
import UpdateTask from '../../operations/update_task.js'
import MoveTask from '../../operations/move_task.js'
import DeleteTask from '../../operations/delete_task.js'
import { TASK_STATUSES, type TaskStatus } from '../../services/board.js'
import { UNASSIGNED } from '../../queries/tasks.js'
import { taskPositionValidator, taskValidator } from '../../validators/workspace_validators.js'
import { projectOrFail } from '../project_pages.js'
import { sentFields, taskShape } from '../../services/api_shapes.js'
import { say } from '../../messages.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const FORM_FIELDS = ['title', 'description', 'status', 'assigneeUserId', 'dueOn'] as const

/** `?status=todo|doing|done` and `?assigneeId=<user id>|none`; anything else is refused */
function listFilters(qs: Record<string, unknown>) {
  const { status, assigneeId } = qs
  if (status !== undefined && !TASK_STATUSES.includes(status as TaskStatus)) {
    throw new Invalid(say('errors.api_status', { statuses: TASK_STATUSES.join(', ') }), 'status')
  }
  const assignee = typeof assigneeId === 'string' ? assigneeId : undefined
  if (assigneeId !== undefined && !(assignee === UNASSIGNED || UUID.test(assignee ?? ''))) {
    throw new Invalid(say('errors.api_assignee'), 'assigneeId')
  }
  return { status: status as TaskStatus | undefined, assignee }
}

/** A task of the current store by its id alone (another store's is simply not found) */
async function taskOrFail(id: string) {
  const task = await Task.find(id)
  if (!task) throw new NotFound(say('errors.task_not_found'))
  return task
}

/**
 * A project's tasks for scripts and integrations, on API tokens
 * (`tasks:read`, `tasks:write`): the task form's validation and the board's
 * operations, so caps, the write gate and an archived project's read-only
 * board answer as on the pages. An update sends only the fields it changes;
 * `position` (with or without `status`) places the task in its column.
 */
export default class ApiTasksController {
  async index({ params, request }: HttpContext) {
    const project = await projectOrFail(params.projectId)
    const page = readCursorPage(request.qs())
    const filters = listFilters(request.qs())
    const query = Task.query().where('project_id', project.id)
    if (filters.status) query.where('status', filters.status)
    if (filters.assignee === UNASSIGNED) query.whereNull('assignee_user_id')
    else if (filters.assignee) query.where('assignee_user_id', filters.assignee)
    const rows = await afterCursor(query, page)
    return {
      data: rows.slice(0, page.limit).map(taskShape),
      nextCursor: nextCursorOf(rows, page),
    }
  }

  async store(ctx: HttpContext) {
    const project = await projectOrFail(ctx.params.projectId)
    const input = await validate(ctx, taskValidator)
    const task = await new CreateTask().handle({
      actorUserId: ctx.apiCaller.user.id,
      projectId: project.id,
      ...input,
    })
    ctx.response.status(201)
    return { data: taskShape(await taskOrFail(task.id)) }
  }

  async show({ params }: HttpContext) {
    return { data: taskShape(await taskOrFail(params.id)) }
  }

  async update(ctx: HttpContext) {
    const task = await taskOrFail(ctx.params.id)
    const body = ctx.request.all()
    const sent = sentFields(body, FORM_FIELDS)
    const saved = {
      title: task.title,
      description: task.description,
      status: task.status,
      assigneeUserId: task.assigneeUserId,
      dueOn: task.dueOn?.toISODate() ?? null,
    }
    const input = await validate(ctx, taskValidator, { ...saved, ...sent })
    const place = await validate(ctx, taskPositionValidator, sentFields(body, ['position']))
    const actorUserId = ctx.apiCaller.user.id
    const ids = { actorUserId, projectId: task.projectId, id: task.id }

    if (Object.keys(sent).length > 0) {
      await new UpdateTask().handle({ ...ids, ...input, status: input.status ?? task.status })
    }
    if (place.position !== undefined) {
      const status = input.status ?? task.status
      await new MoveTask().handle({ ...ids, move: { status, position: place.position } })
    }
    return { data: taskShape(await taskOrFail(task.id)) }
  }

  async destroy({ apiCaller, params }: HttpContext) {
    const task = await taskOrFail(params.id)
    await new DeleteTask().handle({
      actorUserId: apiCaller.user.id,
      projectId: task.projectId,
      id: task.id,
    })
    return { data: { id: task.id, deleted: true } }
  }
}
