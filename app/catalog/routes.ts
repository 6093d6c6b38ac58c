import { registerPlaceholderSection } from '#identity/mod'

registerPlaceholderSection({ key: 'catalog', path: '/catalog', permission: 'catalog:read' })
