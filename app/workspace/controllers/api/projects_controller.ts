import type { HttpContext } from '@adonisjs/core/http'
import { Invalid, afterCursor, nextCursorOf, readCursorPage, validate } from '#core/mod'
import Project from '../../models/project.js'
import CreateProject from '../../operations/create_project.js'
import UpdateProject from '../../operations/update_project.js'
import { ArchiveProject, RestoreProject } from '../../operations/project_archival.js'
import {
  projectArchivalValidator,
  projectValidator,
} from '../../validators/workspace_validators.js'
import { projectOrFail } from '../project_pages.js'
import { projectShape, sentFields } from '../../services/api_shapes.js'
import { say } from '../../messages.js'

const FORM_FIELDS = ['name', 'description', 'color'] as const

/** `?archived=true|false`: archived projects only, or (the default) active ones only */
function archivedFilter(qs: Record<string, unknown>) {
  const { archived } = qs
  if (archived === undefined || archived === 'false') return false
  if (archived === 'true') return true
  throw new Invalid(say('errors.api_archived'), 'archived')
}

/**
 * `/api/v1/projects` for scripts and integrations, on API tokens
 * (`projects:read`, `projects:write`): the project form's validation and
 * operations, so names, caps and the write gate answer as on the pages.
 * An update sends only the fields it changes, and `archived` to archive
 * or restore.
 */
export default class ApiProjectsController {
  async index({ request }: HttpContext) {
    const page = readCursorPage(request.qs())
    const archived = archivedFilter(request.qs())
    const query = Project.query()
    if (archived) query.whereNotNull('archived_at')
    else query.whereNull('archived_at')
    const rows = await afterCursor(query, page)
    return {
      data: rows.slice(0, page.limit).map(projectShape),
      nextCursor: nextCursorOf(rows, page),
    }
  }

  async show({ params }: HttpContext) {
    return { data: projectShape(await projectOrFail(params.id)) }
  }

  async store(ctx: HttpContext) {
    const sent = sentFields(ctx.request.all(), FORM_FIELDS)
    const input = await validate(ctx, projectValidator, { color: 'blue', ...sent })
    const project = await new CreateProject().handle({
      actorUserId: ctx.apiCaller.user.id,
      name: input.name,
      description: input.description,
      color: input.color,
    })
    ctx.response.status(201)
    return { data: projectShape(await projectOrFail(project.id)) }
  }

  async update(ctx: HttpContext) {
    const project = await projectOrFail(ctx.params.id)
    const body = ctx.request.all()
    const sent = sentFields(body, FORM_FIELDS)
    const saved = { name: project.name, description: project.description, color: project.color }
    const input = await validate(ctx, projectValidator, { ...saved, ...sent })
    const { archived } = await validate(
      ctx,
      projectArchivalValidator,
      sentFields(body, ['archived'])
    )
    const actorUserId = ctx.apiCaller.user.id

    if (Object.keys(sent).length > 0) {
      await new UpdateProject().handle({ actorUserId, id: project.id, ...input })
    }
    // After the rename, so a project restored under a new name is checked under that name
    if (archived === true) await new ArchiveProject().handle({ actorUserId, id: project.id })
    if (archived === false) await new RestoreProject().handle({ actorUserId, id: project.id })
    return { data: projectShape(await projectOrFail(project.id)) }
  }
}
