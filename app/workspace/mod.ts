import { ROLES, unbuiltModule } from '#identity/mod'

const WRITERS = ['owner', 'admin', 'member'] as const

/** Workspace: projects and tasks for the merchant team. Not built yet. */
export const workspaceModule = unbuiltModule({
  name: 'workspace',
  section: ['projects', 'projects:read'],
  permissions: {
    'projects:read': ROLES,
    'projects:write': WRITERS,
    'tasks:read': ROLES,
    'tasks:write': WRITERS,
  },
})
