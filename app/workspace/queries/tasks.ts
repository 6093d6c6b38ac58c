import { paginate, parseListQuery, type ListQuery } from '#core/mod'
import { Membership } from '#identity/mod'
import type Project from '../models/project.js'
import Task from '../models/task.js'
import { TASK_STATUSES, columnsOf, emptyColumns, type TaskStatus } from '../services/board.js'
import { tasksOf } from '../services/workspace_rules.js'

export const TASK_SORTS = ['title', 'status', 'due', 'updated'] as const
export type TaskSort = (typeof TASK_SORTS)[number]
export type TaskFilter = 'status' | 'assignee'
export type TaskListQuery = ListQuery<TaskSort, TaskFilter>
export const TASK_LIST_DEFAULTS = { sort: 'status', dir: 'asc', perPage: 20 } as const

/** An assignee filter that asks for the tasks nobody has */
export const UNASSIGNED = 'none'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The task list's `?status&assignee&sort&dir&page&perPage`, bad values replaced */
export function parseTaskListQuery(qs: Record<string, unknown>): TaskListQuery {
  const list = parseListQuery(qs, {
    sorts: TASK_SORTS,
    defaultSort: TASK_LIST_DEFAULTS.sort,
    defaultDir: TASK_LIST_DEFAULTS.dir,
    perPage: TASK_LIST_DEFAULTS.perPage,
    filters: { status: TASK_STATUSES, assignee: { maxLength: 36 } },
  })
  const assignee = list.filters.assignee
  if (assignee && assignee !== UNASSIGNED && !UUID.test(assignee)) delete list.filters.assignee
  return list
}

/** A member who may be given a task: their account id and name */
export interface Assignable {
  userId: string
  name: string
}

/** The current store's members, by name, as an assignee menu lists them */
export async function assignableMembers(): Promise<Assignable[]> {
  const memberships = await Membership.query().preload('user')
  return memberships
    .map((membership) => ({ userId: membership.userId, name: membership.user.fullName }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

export interface TaskCard {
  id: string
  title: string
  description: string
  status: TaskStatus
  position: number
  assigneeUserId: string | null
  dueOn: string | null
  updatedAt: string
  /** Whether it is the top or bottom of its column (no way up, or down) */
  first: boolean
  last: boolean
}

function cardOf(task: Task, first = false, last = false): TaskCard {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    status: task.status,
    position: task.position,
    assigneeUserId: task.assigneeUserId,
    dueOn: task.dueOn?.toISODate() ?? null,
    updatedAt: task.updatedAt.toISO() ?? '',
    first,
    last,
  }
}

/** The project's three columns of cards, top to bottom */
export async function boardOf(project: Project): Promise<Record<TaskStatus, TaskCard[]>> {
  const tasks = await tasksOf(project)
  const byId = new Map(tasks.map((task) => [task.id, task]))
  const columns = columnsOf(tasks)
  const board = emptyColumns() as unknown as Record<TaskStatus, TaskCard[]>
  for (const status of TASK_STATUSES) {
    const ids = columns[status]
    board[status] = ids.map((id, index) =>
      cardOf(byId.get(id)!, index === 0, index === ids.length - 1)
    )
  }
  return board
}

const STATUS_ORDER = `CASE status ${TASK_STATUSES.map((status, index) => `WHEN '${status}' THEN ${index}`).join(' ')} END`

/** One page of the project's tasks, filtered by status and assignee, in the order asked for */
export async function listTasksPage(project: Project, list: TaskListQuery) {
  const filtered = () => {
    const query = Task.query().where('project_id', project.id)
    if (list.filters.status) query.where('status', list.filters.status)
    if (list.filters.assignee === UNASSIGNED) query.whereNull('assignee_user_id')
    else if (list.filters.assignee) query.where('assignee_user_id', list.filters.assignee)
    return query
  }
  const [counted] = await filtered().count('* as total')
  const pagination = paginate(list, Number(counted?.$extras.total ?? 0))
  const dir = list.dir === 'desc' ? 'desc' : 'asc'
  const query = filtered()
  if (list.sort === 'title') query.orderByRaw(`lower(title) ${dir}`)
  if (list.sort === 'status') query.orderByRaw(`${STATUS_ORDER} ${dir}`).orderBy('position', 'asc')
  if (list.sort === 'due') query.orderByRaw(`due_on ${dir} nulls last`)
  query.orderBy('updated_at', list.sort === 'updated' ? dir : 'desc').orderBy('id', 'asc')
  const tasks = await query.offset(pagination.offset).limit(pagination.perPage)
  return { rows: tasks.map((task) => cardOf(task)), pagination }
}

/** A task of the project, or null (another project's or store's id is simply not found) */
export function findTask(project: Project, id: string) {
  return Task.query().where('project_id', project.id).where('id', id).first()
}
