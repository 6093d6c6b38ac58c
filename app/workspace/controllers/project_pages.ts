import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { DateTime } from 'luxon'
import { NotFound, listParams, wantsFragment, type FormState } from '#core/mod'
import type Project from '../models/project.js'
import { PROJECT_COLORS } from '../models/project.js'
import { TASK_STATUSES } from '../services/board.js'
import { findProject } from '../queries/projects.js'
import {
  TASK_LIST_DEFAULTS,
  UNASSIGNED,
  assignableMembers,
  boardOf,
  listTasksPage,
  parseTaskListQuery,
} from '../queries/tasks.js'
import { fieldValues } from '../services/form_values.js'
import { say } from '../messages.js'

/** The ids of the elements htmx swaps on a project's pages */
export const BOARD_ID = 'board'
export const TASK_TABLE_ID = 'tasks'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A project of the current store by the id in the URL (any text: a malformed one is not found) */
export async function projectOrFail(id: string) {
  const project = UUID.test(id) ? await findProject(id) : null
  if (!project) throw new NotFound(say('errors.project_not_found'))
  return project
}

/** "12 Mar 2026" in the viewer's language, or '' */
function shownDate(iso: string | null, locale: string) {
  return iso ? DateTime.fromISO(iso).setLocale(locale).toLocaleString({ dateStyle: 'medium' }) : ''
}

/** What both views of a project show: the project, its team and the tabs between the views */
async function projectState(ctx: HttpContext, project: Project, view: 'board' | 'list') {
  const members = await assignableMembers()
  return {
    project,
    view,
    members,
    memberNames: Object.fromEntries(members.map((member) => [member.userId, member.name])),
    statuses: TASK_STATUSES,
    mayWrite: ctx.membership.can('tasks:write') && !project.isArchived,
    mayEditProject: ctx.membership.can('projects:write'),
    tabs: [
      {
        label: ctx.i18n.t('workspace.tasks.board'),
        href: router.makeUrl('projects.show', { id: project.id }),
        current: view === 'board',
      },
      {
        label: ctx.i18n.t('workspace.tasks.list'),
        href: router.makeUrl('tasks.index', { projectId: project.id }),
        current: view === 'list',
      },
    ],
  }
}

/**
 * The project's board: three columns of task cards. htmx asking for #board
 * gets that element alone. `refusal` is a refused change, said above it.
 */
export async function renderBoard(
  ctx: HttpContext,
  project: Project,
  refusal: string | null = null
) {
  const state = { ...(await projectState(ctx, project, 'board')), refusal }
  const board = await boardOf(project)
  const locale = ctx.i18n.locale
  const columns = TASK_STATUSES.map((status) => ({
    status,
    cards: board[status].map((card) => ({ ...card, dueText: shownDate(card.dueOn, locale) })),
  }))
  const data = { ...state, columns }
  if (wantsFragment(ctx, BOARD_ID)) return ctx.view.render('workspace/partials/board', data)
  return ctx.view.render('workspace/projects/show', data)
}

/** The project's tasks as a table, filtered by status and assignee; htmx may ask for #tasks alone */
export async function renderTaskList(ctx: HttpContext, project: Project) {
  const state = await projectState(ctx, project, 'list')
  const list = parseTaskListQuery(ctx.request.qs())
  const { rows, pagination } = await listTasksPage(project, list)
  const locale = ctx.i18n.locale
  const data = {
    ...state,
    rows: rows.map((row) => ({ ...row, dueText: shownDate(row.dueOn, locale) })),
    unassigned: UNASSIGNED,
    table: {
      id: TASK_TABLE_ID,
      path: router.makeUrl('tasks.index', { projectId: project.id }),
      params: listParams({ ...list, page: pagination.page }, TASK_LIST_DEFAULTS),
      sort: list.sort,
      dir: list.dir,
      filters: list.filters,
      pagination,
      filtered: Object.keys(list.filters).length > 0,
    },
  }
  if (wantsFragment(ctx, TASK_TABLE_ID)) {
    return ctx.view.render('workspace/partials/task_table', data)
  }
  return ctx.view.render('workspace/tasks/index', data)
}

/** The project form: empty for a new project, or the project's saved values */
export function renderProjectForm(ctx: HttpContext, form: FormState, project: Project | null) {
  const saved = project
    ? { name: project.name, description: project.description, color: project.color }
    : { name: '', description: '', color: 'blue' }
  return ctx.view.render(project ? 'workspace/projects/edit' : 'workspace/projects/create', {
    form,
    project,
    colors: PROJECT_COLORS,
    values: fieldValues(form, saved),
  })
}
