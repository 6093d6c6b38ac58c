import { registerPlaceholderSection } from '#identity/mod'

registerPlaceholderSection({ key: 'usage', path: '/usage', permission: 'usage:read' })
