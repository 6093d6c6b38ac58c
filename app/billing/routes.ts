import { registerPlaceholderSection } from '#identity/mod'

registerPlaceholderSection({ key: 'billing', path: '/billing', permission: 'billing:manage' })
