import { defineModule } from '#core/mod'
import { ROLES, unbuiltDashboardSection } from '#identity/mod'

/** Workspace: projects and tasks for the merchant team. Not built yet. */
export const workspaceModule = defineModule({
  name: 'workspace',
  dependsOn: ['core', 'identity'],
  tables: [],
  permissions: {
    'projects:read': ROLES,
    'projects:write': ['owner', 'admin', 'member'],
    'tasks:read': ROLES,
    'tasks:write': ['owner', 'admin', 'member'],
  },
  ...unbuiltDashboardSection('projects', 'projects:read'),
})
