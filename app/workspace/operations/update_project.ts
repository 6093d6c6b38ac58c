import emitter from '@adonisjs/core/services/emitter'
import { currentTenant } from '#tenancy/mod'
import type { ProjectColor } from '../models/project.js'
import { ensureNameFree, lockProject } from '../services/workspace_rules.js'

export interface UpdateProjectInput {
  actorUserId: string | null
  id: string
  name: string
  description?: string | null
  color: ProjectColor
}

/** Renames a project, or changes its description or colour (archived ones too) */
export default class UpdateProject {
  async handle(input: UpdateProjectInput) {
    const project = await lockProject(input.id)
    if (!project.isArchived) await ensureNameFree(input.name, project.id)
    project.merge({ name: input.name, description: input.description ?? '', color: input.color })
    const changed = Object.keys(project.$dirty)
    if (changed.length) await project.save()
    await emitter.emit('workspace:project_updated', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      projectId: project.id,
      projectName: project.name,
      changed,
    })
    return project
  }
}
