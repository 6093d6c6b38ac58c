import db from '@adonisjs/lucid/services/db'
import { paginate, parseListQuery, type ListQuery } from '#core/mod'
import Project from '../models/project.js'

export const PROJECT_SORTS = ['name', 'tasks', 'updated'] as const
export type ProjectSort = (typeof PROJECT_SORTS)[number]
export const PROJECT_VIEWS = ['active', 'archived'] as const
export type ProjectFilter = 'show' | 'q'
export type ProjectListQuery = ListQuery<ProjectSort, ProjectFilter>
export const PROJECT_LIST_DEFAULTS = { sort: 'updated', dir: 'desc', perPage: 20 } as const

/** The list's `?show=archived&q&sort&dir&page&perPage`, bad values replaced by the defaults */
export function parseProjectListQuery(qs: Record<string, unknown>): ProjectListQuery {
  return parseListQuery(qs, {
    sorts: PROJECT_SORTS,
    defaultSort: PROJECT_LIST_DEFAULTS.sort,
    defaultDir: PROJECT_LIST_DEFAULTS.dir,
    perPage: PROJECT_LIST_DEFAULTS.perPage,
    filters: { show: PROJECT_VIEWS, q: { maxLength: 100 } },
  })
}

/** `%`, `_` and `\` taken literally in a LIKE pattern */
function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

const TASKS_OF = `from tasks t where t.tenant_id = projects.tenant_id and t.project_id = projects.id`
const TASK_COUNT = `(select count(*) ${TASKS_OF})`

export interface ProjectRow {
  id: string
  name: string
  description: string
  color: string
  archived: boolean
  updatedAt: string
  tasks: number
  done: number
}

/**
 * One page of the current store's projects, active or archived, with how
 * many tasks each has and how many are done, in the order asked for.
 */
export async function listProjectsPage(list: ProjectListQuery) {
  const filtered = () => {
    const query = Project.query()
    if (list.filters.show === 'archived') query.whereNotNull('archived_at')
    else query.whereNull('archived_at')
    if (list.filters.q) query.whereILike('name', likePattern(list.filters.q))
    return query
  }
  const [counted] = await filtered().count('* as total')
  const pagination = paginate(list, Number(counted?.$extras.total ?? 0))

  const dir = list.dir === 'desc' ? 'desc' : 'asc'
  const query = filtered()
    .select('projects.*')
    .select(db.raw(`${TASK_COUNT} as task_count`))
    .select(db.raw(`(select count(*) ${TASKS_OF} and t.status = 'done') as done_count`))
  if (list.sort === 'name') query.orderByRaw(`lower(name) ${dir}`)
  if (list.sort === 'tasks') query.orderByRaw(`${TASK_COUNT} ${dir}`)
  query.orderBy('updated_at', list.sort === 'updated' ? dir : 'desc').orderBy('id', 'asc')
  const projects = await query.offset(pagination.offset).limit(pagination.perPage)
  const rows: ProjectRow[] = projects.map((project) => ({
    id: project.id,
    name: project.name,
    description: project.description,
    color: project.color,
    archived: project.isArchived,
    updatedAt: project.updatedAt.toISO() ?? '',
    tasks: Number(project.$extras.task_count ?? 0),
    done: Number(project.$extras.done_count ?? 0),
  }))
  return { rows, pagination }
}

/** Whether the current store has any project, archived ones included */
export async function hasProjects() {
  return (await Project.query().select('id').first()) !== null
}

/** A project of the current store, or null (another store's id is simply not found) */
export function findProject(id: string) {
  return Project.find(id)
}
