import edge from 'edge.js'
import { modules } from './modules.js'

const dashboard = modules.flatMap((module) => module.navigation?.dashboard ?? [])

edge.global('dashboardNavigation', {
  sections: dashboard.filter((entry) => entry.group !== 'settings'),
  settings: dashboard.filter((entry) => entry.group === 'settings'),
})
edge.global(
  'adminNavigation',
  modules.flatMap((module) => module.navigation?.admin ?? [])
)
