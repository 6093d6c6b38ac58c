import edge from 'edge.js'
import { storeUrl } from '#core/mod'
import { modules } from './modules.js'

edge.global('storeUrl', storeUrl)

const dashboard = modules.flatMap((module) => module.navigation?.dashboard ?? [])

edge.global('dashboardNavigation', {
  sections: dashboard.filter((entry) => entry.group !== 'settings'),
  settings: dashboard.filter((entry) => entry.group === 'settings'),
})
edge.global(
  'adminNavigation',
  modules.flatMap((module) => module.navigation?.admin ?? [])
)
