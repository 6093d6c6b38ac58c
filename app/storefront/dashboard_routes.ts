import { registerPlaceholderSection } from '#identity/mod'

registerPlaceholderSection({ key: 'orders', path: '/orders', permission: 'orders:read' })
