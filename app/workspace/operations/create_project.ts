import emitter from '@adonisjs/core/services/emitter'
import { countRows, ensureCapacity } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Project, { type ProjectColor } from '../models/project.js'
import { ensureNameFree } from '../services/workspace_rules.js'

export interface CreateProjectInput {
  actorUserId: string | null
  name: string
  description?: string | null
  color?: ProjectColor
}

/**
 * Adds a project to the current store, in the store's one transaction (so
 * a later limit on projects can be checked inside it).
 */
export default class CreateProject {
  async handle(input: CreateProjectInput) {
    await ensureNameFree(input.name, null)
    await ensureCapacity('projects', () => countRows(Project.query().count('* as total')))
    const project = await Project.create({
      name: input.name,
      description: input.description ?? '',
      color: input.color ?? 'blue',
      archivedAt: null,
      createdBy: input.actorUserId,
    })
    await emitter.emit('workspace:project_created', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      projectId: project.id,
      projectName: project.name,
    })
    return project
  }
}
