import { defineModule, type ModuleManifest, type NavigationEntry, type RouteKit } from '#core/mod'

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

interface UnbuiltModule {
  name: string
  /** The dashboard section's key and the permission that shows it */
  section: [key: string, permission: string]
  permissions?: ModuleManifest['permissions']
  tokenAbilities?: ModuleManifest['tokenAbilities']
}

/**
 * The manifest of a module that so far defines its permissions and holds
 * its place in the dashboard, and nothing else.
 */
export function unbuiltModule({ name, section, permissions, tokenAbilities }: UnbuiltModule) {
  return defineModule({
    name,
    dependsOn: ['core', 'identity'],
    tables: [],
    permissions,
    tokenAbilities,
    ...unbuiltDashboardSection(...section),
  })
}
