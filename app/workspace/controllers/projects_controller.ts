import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { DateTime } from 'luxon'
import {
  EMPTY_FORM,
  flashMessage,
  listParams,
  submitForm,
  wantsFragment,
  wantsJson,
} from '#core/mod'
import CreateProject from '../operations/create_project.js'
import UpdateProject from '../operations/update_project.js'
import { projectValidator } from '../validators/workspace_validators.js'
import {
  PROJECT_LIST_DEFAULTS,
  listProjectsPage,
  parseProjectListQuery,
} from '../queries/projects.js'
import { projectOrFail, renderBoard, renderProjectForm } from './project_pages.js'
import { say } from '../messages.js'

/** The id of the element that holds the projects table (the target of its htmx links) */
const TABLE_ID = 'projects'

async function renderProjectList(ctx: HttpContext) {
  const list = parseProjectListQuery(ctx.request.qs())
  const { rows, pagination } = await listProjectsPage(list)
  const locale = ctx.i18n.locale
  const path = router.makeUrl('projects.index')
  const showArchived = list.filters.show === 'archived'
  const state = {
    rows: rows.map((row) => ({
      ...row,
      updatedText: DateTime.fromISO(row.updatedAt)
        .setLocale(locale)
        .toLocaleString({ dateStyle: 'medium' }),
    })),
    showArchived,
    table: {
      id: TABLE_ID,
      path,
      params: listParams({ ...list, page: pagination.page }, PROJECT_LIST_DEFAULTS),
      sort: list.sort,
      dir: list.dir,
      filters: list.filters,
      pagination,
      filtered: Boolean(list.filters.q),
    },
    tabs: [
      { label: ctx.i18n.t('workspace.projects.active'), href: path, current: !showArchived },
      {
        label: ctx.i18n.t('workspace.projects.archived'),
        href: `${path}?show=archived`,
        current: showArchived,
      },
    ],
  }
  if (wantsFragment(ctx, TABLE_ID))
    return ctx.view.render('workspace/partials/projects_table', state)
  return ctx.view.render('workspace/projects/index', state)
}

export default class ProjectsController {
  async index(ctx: HttpContext) {
    return renderProjectList(ctx)
  }

  async create(ctx: HttpContext) {
    return renderProjectForm(ctx, EMPTY_FORM, null)
  }

  async store(ctx: HttpContext) {
    const project = await submitForm(ctx, {
      validator: projectValidator,
      render: (form) => renderProjectForm(ctx, form, null),
      action: (input) =>
        new CreateProject().handle({
          actorUserId: ctx.auth.user?.id ?? null,
          name: input.name,
          description: input.description,
          color: input.color,
        }),
    })
    if (wantsJson(ctx)) {
      ctx.response.status(201)
      return { project: { id: project.id, name: project.name } }
    }
    flashMessage(ctx, 'success', say('projects.created', { name: project.name }))
    return ctx.response.redirect().toRoute('projects.show', { id: project.id })
  }

  async show(ctx: HttpContext) {
    return renderBoard(ctx, await projectOrFail(ctx.params.id))
  }

  async edit(ctx: HttpContext) {
    return renderProjectForm(ctx, EMPTY_FORM, await projectOrFail(ctx.params.id))
  }

  async update(ctx: HttpContext) {
    const project = await projectOrFail(ctx.params.id)
    const saved = await submitForm(ctx, {
      validator: projectValidator,
      render: (form) => renderProjectForm(ctx, form, project),
      action: (input) =>
        new UpdateProject().handle({
          actorUserId: ctx.auth.user?.id ?? null,
          id: project.id,
          name: input.name,
          description: input.description,
          color: input.color,
        }),
    })
    if (wantsJson(ctx)) return { project: { id: saved.id, name: saved.name } }
    flashMessage(ctx, 'success', say('projects.saved', { name: saved.name }))
    return ctx.response.redirect().toRoute('projects.show', { id: saved.id })
  }
}
