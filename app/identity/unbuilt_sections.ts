import type { NavigationEntry, RouteKit } from '#core/mod'

const PlaceholderSection = () => import('./controllers/placeholder_sections_controller.js')

/**
 * A module with no screens yet still owns its place in the dashboard: a link
 * for the members its permission allows, to a page that says honestly that
 * the section is not built.
 */
export function unbuiltDashboardSection(key: string, permission: string) {
  const route = `${key}.index`
  const navigation: NavigationEntry = { key, route, can: permission }
  return {
    navigation: { dashboard: [navigation] },
    routes({ router, middleware, web }: RouteKit) {
      router
        .get(`/dashboard/${key}`, [PlaceholderSection, 'show'])
        .as(route)
        .use([...web(), middleware.dashboard(), middleware.permits(permission)])
    },
  }
}
