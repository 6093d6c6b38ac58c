import { registerPlaceholderSection } from '#identity/mod'

registerPlaceholderSection({
  key: 'channels',
  path: '/channels',
  permission: 'integrations:manage',
})
