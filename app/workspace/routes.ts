import type { RouteKit } from '#core/mod'

const Projects = () => import('./controllers/projects_controller.js')
const ProjectArchivals = () => import('./controllers/project_archivals_controller.js')
const Tasks = () => import('./controllers/tasks_controller.js')
const TaskPositions = () => import('./controllers/task_positions_controller.js')
const ApiProjects = () => import('./controllers/api/projects_controller.js')
const ApiTasks = () => import('./controllers/api/tasks_controller.js')

/**
 * Projects and their boards in the dashboard shell: every member reads them
 * (`projects:read`, `tasks:read`), and every role but finance changes them
 * (`projects:write`, `tasks:write`). Ids in the URL are looked up inside the
 * member's current store, and a task inside its project, so another store's
 * id is simply not found. `:projectId` has no matcher so that a task route
 * with a malformed project id still reads its body (and refuses an oversized
 * one) before answering 404.
 */
export default function workspaceRoutes({ router, middleware, web }: RouteKit) {
  const uuid = router.matchers.uuid()
  const can = (...permissions: string[]) =>
    permissions.map((permission) => middleware.permits(permission))
  const tasksUrl = '/:projectId/tasks'

  router
    .group(() => {
      router.get('/', [Projects, 'index']).as('projects.index').use(can('projects:read'))
      router.get('/create', [Projects, 'create']).as('projects.create').use(can('projects:write'))
      router.post('/', [Projects, 'store']).as('projects.store').use(can('projects:write'))
      router
        .get('/:id', [Projects, 'show'])
        .as('projects.show')
        .use(can('projects:read', 'tasks:read'))
      router.get('/:id/edit', [Projects, 'edit']).as('projects.edit').use(can('projects:write'))
      router.put('/:id', [Projects, 'update']).as('projects.update').use(can('projects:write'))
      router
        .post('/:id/archival', [ProjectArchivals, 'store'])
        .as('project_archivals.store')
        .use(can('projects:write'))
      router
        .delete('/:id/archival', [ProjectArchivals, 'destroy'])
        .as('project_archivals.destroy')
        .use(can('projects:write'))

      router
        .get(tasksUrl, [Tasks, 'index'])
        .as('tasks.index')
        .use(can('projects:read', 'tasks:read'))
      router.get(`${tasksUrl}/create`, [Tasks, 'create']).as('tasks.create').use(can('tasks:write'))
      router.post(tasksUrl, [Tasks, 'store']).as('tasks.store').use(can('tasks:write'))
      router.get(`${tasksUrl}/:id/edit`, [Tasks, 'edit']).as('tasks.edit').use(can('tasks:write'))
      router.put(`${tasksUrl}/:id`, [Tasks, 'update']).as('tasks.update').use(can('tasks:write'))
      router
        .delete(`${tasksUrl}/:id`, [Tasks, 'destroy'])
        .as('tasks.destroy')
        .use(can('tasks:write'))
      router
        .put(`${tasksUrl}/:id/position`, [TaskPositions, 'update'])
        .as('task_positions.update')
        .use(can('tasks:write'))
    })
    .where('id', uuid)
    .where('projectId', uuid)
    .prefix('/dashboard/projects')
    .use([...web(), middleware.dashboard()])

  const token = (ability: string) => middleware.apiToken(ability)
  router
    .group(() => {
      router
        .get('/projects', [ApiProjects, 'index'])
        .as('projects.index')
        .use(token('projects:read'))
      router
        .post('/projects', [ApiProjects, 'store'])
        .as('projects.store')
        .use(token('projects:write'))
      router
        .get('/projects/:id', [ApiProjects, 'show'])
        .as('projects.show')
        .use(token('projects:read'))
      router
        .route('/projects/:id', ['PATCH', 'PUT'], [ApiProjects, 'update'])
        .as('projects.update')
        .use(token('projects:write'))
      router
        .get('/projects/:projectId/tasks', [ApiTasks, 'index'])
        .as('tasks.index')
        .use(token('tasks:read'))
      router
        .post('/projects/:projectId/tasks', [ApiTasks, 'store'])
        .as('tasks.store')
        .use(token('tasks:write'))
      router.get('/tasks/:id', [ApiTasks, 'show']).as('tasks.show').use(token('tasks:read'))
      router.patch('/tasks/:id', [ApiTasks, 'update']).as('tasks.update').use(token('tasks:write'))
      router
        .delete('/tasks/:id', [ApiTasks, 'destroy'])
        .as('tasks.destroy')
        .use(token('tasks:write'))
    })
    .where('id', uuid)
    .where('projectId', uuid)
    .prefix('/api/v1')
    .as('api')
}
