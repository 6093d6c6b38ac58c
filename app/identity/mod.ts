export { default as User } from './models/user.js'
export { default as Membership } from './models/membership.js'
export {
  ROLES,
  PERMISSIONS,
  PERMISSION_NAMES,
  TOKEN_ABILITIES,
  roleAllows,
  roleMayGrant,
} from './roles.js'
export type { Role, Permission, TokenAbility } from './roles.js'
export { abilities } from './abilities.js'
export { provisionStore } from './services/provision_store.js'
export type { ProvisionStoreInput } from './services/provision_store.js'
export { storesOf } from './services/user_stores.js'
export { issueApiToken } from './services/api_tokens.js'
export { dashboardSections, registerPlaceholderSection } from './dashboard_sections.js'
