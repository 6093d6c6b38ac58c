import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import {
  EMPTY_FORM,
  NotFound,
  flashMessage,
  submitForm,
  wantsJson,
  type FormState,
} from '#core/mod'
import type Project from '../models/project.js'
import type Task from '../models/task.js'
import { TASK_STATUSES } from '../services/board.js'
import CreateTask from '../operations/create_task.js'
import UpdateTask from '../operations/update_task.js'
import DeleteTask from '../operations/delete_task.js'
import { taskValidator } from '../validators/workspace_validators.js'
import { assignableMembers, findTask } from '../queries/tasks.js'
import { fieldValues } from '../services/form_values.js'
import { projectOrFail, renderTaskList } from './project_pages.js'
import { say } from '../messages.js'

async function taskOrFail(project: Project, id: string) {
  const task = await findTask(project, id)
  if (!task) throw new NotFound(say('errors.task_not_found'))
  return task
}

/** The task form: a new task (in the column asked for), or a task's saved values */
async function renderTaskForm(
  ctx: HttpContext,
  form: FormState,
  project: Project,
  task: Task | null
) {
  const asked = String(ctx.request.qs().status ?? '')
  const saved = task
    ? {
        title: task.title,
        description: task.description,
        status: task.status,
        assigneeUserId: task.assigneeUserId ?? '',
        dueOn: task.dueOn?.toISODate() ?? '',
      }
    : {
        title: '',
        description: '',
        status: (TASK_STATUSES as readonly string[]).includes(asked) ? asked : 'todo',
        assigneeUserId: '',
        dueOn: '',
      }
  return ctx.view.render(task ? 'workspace/tasks/edit' : 'workspace/tasks/create', {
    form,
    project,
    task,
    statuses: TASK_STATUSES,
    members: await assignableMembers(),
    values: fieldValues(form, saved),
  })
}

/** The board, scrolled to the task's card */
export function boardAt(project: Project, task: Task) {
  return `${router.makeUrl('projects.show', { id: project.id })}#task-${task.id}`
}

const actorOf = (ctx: HttpContext) => ctx.auth.user?.id ?? null

export default class TasksController {
  async index(ctx: HttpContext) {
    return renderTaskList(ctx, await projectOrFail(ctx.params.projectId))
  }

  async create(ctx: HttpContext) {
    const project = await projectOrFail(ctx.params.projectId)
    return renderTaskForm(ctx, EMPTY_FORM, project, null)
  }

  async store(ctx: HttpContext) {
    const project = await projectOrFail(ctx.params.projectId)
    const task = await submitForm(ctx, {
      validator: taskValidator,
      render: (form) => renderTaskForm(ctx, form, project, null),
      action: (input) =>
        new CreateTask().handle({
          actorUserId: actorOf(ctx),
          projectId: project.id,
          title: input.title,
          description: input.description,
          status: input.status,
          assigneeUserId: input.assigneeUserId,
          dueOn: input.dueOn,
        }),
    })
    if (wantsJson(ctx)) {
      ctx.response.status(201)
      return { task: { id: task.id, status: task.status, position: task.position } }
    }
    flashMessage(ctx, 'success', say('tasks.created', { title: task.title }))
    return ctx.response.redirect(boardAt(project, task))
  }

  async edit(ctx: HttpContext) {
    const project = await projectOrFail(ctx.params.projectId)
    return renderTaskForm(ctx, EMPTY_FORM, project, await taskOrFail(project, ctx.params.id))
  }

  async update(ctx: HttpContext) {
    const project = await projectOrFail(ctx.params.projectId)
    const task = await taskOrFail(project, ctx.params.id)
    const saved = await submitForm(ctx, {
      validator: taskValidator,
      render: (form) => renderTaskForm(ctx, form, project, task),
      action: (input) =>
        new UpdateTask().handle({
          actorUserId: actorOf(ctx),
          projectId: project.id,
          id: task.id,
          title: input.title,
          description: input.description,
          status: input.status ?? task.status,
          assigneeUserId: input.assigneeUserId,
          dueOn: input.dueOn,
        }),
    })
    if (wantsJson(ctx)) {
      return { task: { id: saved.id, status: saved.status, position: saved.position } }
    }
    flashMessage(ctx, 'success', say('tasks.saved', { title: saved.title }))
    return ctx.response.redirect().toRoute('projects.show', { id: project.id })
  }

  async destroy(ctx: HttpContext) {
    const project = await projectOrFail(ctx.params.projectId)
    const task = await taskOrFail(project, ctx.params.id)
    await new DeleteTask().handle({ actorUserId: actorOf(ctx), projectId: project.id, id: task.id })
    if (wantsJson(ctx)) return { deleted: task.id }
    flashMessage(ctx, 'success', say('tasks.deleted', { title: task.title }))
    return ctx.response.redirect().toRoute('projects.show', { id: project.id })
  }
}
