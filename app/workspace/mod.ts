import './events.js'
import { countRows, defineModule, registerUsageCount } from '#core/mod'
import { ROLES } from '#identity/mod'
import workspaceRoutes from './routes.js'
import Project from './models/project.js'
import Task from './models/task.js'

export type { WorkspaceEvent, TaskEvent } from './events.js'
export type { TaskStatus } from './services/board.js'
export { TASK_STATUSES } from './services/board.js'
export { default as CreateProject } from './operations/create_project.js'
export type { CreateProjectInput } from './operations/create_project.js'
export { default as CreateTask } from './operations/create_task.js'
export type { CreateTaskInput } from './operations/create_task.js'
export { default as MoveTask } from './operations/move_task.js'
export { ArchiveProject, RestoreProject } from './operations/project_archival.js'
export { hasProjects } from './queries/projects.js'
export { seedDemoWorkspace } from './services/demo_workspace.js'

const WRITERS = ['owner', 'admin', 'member'] as const
const WorkspaceActivity = () => import('./listeners/record_workspace_activity.js')
const UnassignDepartedMember = () => import('./listeners/unassign_departed_member.js')

/** Workspace: projects and their tasks on a board, for the merchant team. */
export const workspaceModule = defineModule({
  name: 'workspace',
  dependsOn: ['core', 'tenancy', 'identity'],
  tables: ['projects', 'tasks'],
  routes: workspaceRoutes,
  navigation: {
    dashboard: [{ key: 'projects', route: 'projects.index', can: 'projects:read' }],
  },
  permissions: {
    'projects:read': ROLES,
    'projects:write': WRITERS,
    'tasks:read': ROLES,
    'tasks:write': WRITERS,
  },
  tokenAbilities: {
    'projects:read': 'projects:read',
    'projects:write': 'projects:write',
    'tasks:read': 'tasks:read',
    'tasks:write': 'tasks:write',
  },
  listeners: {
    'workspace:project_created': [[WorkspaceActivity, 'projectCreated']],
    'workspace:project_updated': [[WorkspaceActivity, 'projectUpdated']],
    'workspace:project_archived': [[WorkspaceActivity, 'projectArchived']],
    'workspace:project_restored': [[WorkspaceActivity, 'projectRestored']],
    'workspace:task_created': [[WorkspaceActivity, 'taskCreated']],
    'workspace:task_updated': [[WorkspaceActivity, 'taskUpdated']],
    'workspace:task_moved': [[WorkspaceActivity, 'taskMoved']],
    'workspace:task_deleted': [[WorkspaceActivity, 'taskDeleted']],
    'member:removed': [[UnassignDepartedMember, 'memberRemoved']],
  },
  boot() {
    // Shown against the plan's caps on the billing page: the counts the caps check
    registerUsageCount('projects', () => countRows(Project.query().count('* as total')))
    registerUsageCount('tasks', () => countRows(Task.query().count('* as total')))
  },
})
