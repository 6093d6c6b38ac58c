import { registerPlaceholderSection } from '#identity/mod'

registerPlaceholderSection({ key: 'projects', path: '/projects', permission: 'projects:read' })
