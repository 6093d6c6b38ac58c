import { unbuiltModule } from '#identity/mod'

/** Channels: connections to external store platforms. Not built yet. */
export const channelsModule = unbuiltModule({
  name: 'channels',
  section: ['channels', 'integrations:manage'],
})
