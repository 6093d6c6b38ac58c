import router from '@adonisjs/core/services/router'
import { middleware, web } from '#start/kernel'
import type { Permission } from './roles.js'

export interface DashboardSection {
  key: string
  path: string
  permission: Permission
  routeName: string
}

/**
 * Sections in the dashboard's navigation, in the order modules register
 * them. The layout shows a link only to members whose role permits it.
 */
export const dashboardSections: DashboardSection[] = []

const PlaceholderSection = () => import('./controllers/placeholder_sections_controller.js')

/**
 * A module that has no screens yet still owns its place in the dashboard:
 * the page says honestly that it is not built.
 */
export function registerPlaceholderSection(section: Omit<DashboardSection, 'routeName'>) {
  const routeName = `${section.key}.index`
  dashboardSections.push({ ...section, routeName })
  router
    .get(`/dashboard${section.path}`, [PlaceholderSection, 'show'])
    .as(routeName)
    .use([...web(), middleware.dashboard(), middleware.permits(section.permission)])
}
