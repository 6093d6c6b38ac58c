import emitter from '@adonisjs/core/services/emitter'
import { clock } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import { ensureNameFree, lockProject } from '../services/workspace_rules.js'

export interface ProjectArchivalInput {
  actorUserId: string | null
  id: string
}

/** Takes a project off the active list; its board stays, read-only. Archiving twice is a no-op. */
export class ArchiveProject {
  async handle(input: ProjectArchivalInput) {
    const project = await lockProject(input.id)
    if (project.isArchived) return project
    project.archivedAt = clock.now()
    await project.save()
    await emitter.emit('workspace:project_archived', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      projectId: project.id,
      projectName: project.name,
    })
    return project
  }
}

/**
 * Brings an archived project back, unless an active project took its name
 * meanwhile (rename one of them first). Restoring twice is a no-op.
 */
export class RestoreProject {
  async handle(input: ProjectArchivalInput) {
    const project = await lockProject(input.id)
    if (!project.isArchived) return project
    await ensureNameFree(project.name, project.id)
    project.archivedAt = null
    await project.save()
    await emitter.emit('workspace:project_restored', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      projectId: project.id,
      projectName: project.name,
    })
    return project
  }
}
