import type { HttpContext } from '@adonisjs/core/http'
import { Conflict, flashMessage, wantsJson } from '#core/mod'
import { ArchiveProject, RestoreProject } from '../operations/project_archival.js'
import { projectOrFail, renderBoard } from './project_pages.js'
import { say } from '../messages.js'

/**
 * A project's archival as its own resource: creating it archives the
 * project, deleting it restores the project.
 */
export default class ProjectArchivalsController {
  async store(ctx: HttpContext) {
    const project = await projectOrFail(ctx.params.id)
    await new ArchiveProject().handle({ actorUserId: ctx.auth.user?.id ?? null, id: project.id })
    if (wantsJson(ctx)) return { project: { id: project.id, archived: true } }
    flashMessage(ctx, 'success', say('projects.archived_done', { name: project.name }))
    return ctx.response.redirect().toRoute('projects.show', { id: project.id })
  }

  /** Refused while an active project has the same name: the board again, the reason above it */
  async destroy(ctx: HttpContext) {
    const project = await projectOrFail(ctx.params.id)
    try {
      await new RestoreProject().handle({ actorUserId: ctx.auth.user?.id ?? null, id: project.id })
    } catch (error) {
      if (!(error instanceof Conflict) || wantsJson(ctx)) throw error
      ctx.response.status(409)
      return renderBoard(ctx, project, error.message)
    }
    if (wantsJson(ctx)) return { project: { id: project.id, archived: false } }
    flashMessage(ctx, 'success', say('projects.restored', { name: project.name }))
    return ctx.response.redirect().toRoute('projects.show', { id: project.id })
  }
}
