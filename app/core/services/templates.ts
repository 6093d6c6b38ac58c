import app from '@adonisjs/core/services/app'
import edge from 'edge.js'

/**
 * Edge lists the components folder before every render unless the instance
 * was created with caching on, and AdonisJS turns caching on only later, in
 * `configure()`: in production that is a recursive directory read per page.
 * Compiled templates are cached there anyway, so the list is read once too.
 */
export function listComponentsOnce() {
  if (!app.inProduction) return
  const loader = edge.loader
  const listComponents = loader.listComponents.bind(loader)
  let components: ReturnType<typeof listComponents> | undefined
  loader.listComponents = () => (components ??= listComponents())
}
