import { registerPlaceholderSection } from '#identity/mod'

registerPlaceholderSection({ key: 'pricing', path: '/pricing', permission: 'pricing:manage' })
