import { defineModule } from '#core/mod'
import { unbuiltDashboardSection } from '#identity/mod'

/** Channels: connections to external store platforms. Not built yet. */
export const channelsModule = defineModule({
  name: 'channels',
  dependsOn: ['core', 'identity'],
  tables: [],
  ...unbuiltDashboardSection('channels', 'integrations:manage'),
})
