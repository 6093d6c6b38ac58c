export const ROLES = ['owner', 'admin', 'finance', 'member'] as const
export type Role = (typeof ROLES)[number]

/**
 * Who outranks whom when inviting or changing roles: nobody grants a role
 * above their own.
 */
const RANK: Record<Role, number> = { owner: 4, admin: 3, finance: 2, member: 1 }

export function outranksOrEquals(actor: Role, target: Role) {
  return RANK[actor] >= RANK[target]
}

/**
 * The role matrix of DESIGN.md, the single source for routes, templates,
 * API token abilities and the tests that walk every cell of it.
 */
export const PERMISSIONS = {
  'catalog:read': ['owner', 'admin', 'finance', 'member'],
  'catalog:write': ['owner', 'admin', 'member'],
  'orders:read': ['owner', 'admin', 'finance', 'member'],
  'orders:write': ['owner', 'admin', 'member'],
  'projects:read': ['owner', 'admin', 'finance', 'member'],
  'projects:write': ['owner', 'admin', 'member'],
  'tasks:read': ['owner', 'admin', 'finance', 'member'],
  'tasks:write': ['owner', 'admin', 'member'],
  'team:manage': ['owner', 'admin'],
  'billing:manage': ['owner', 'finance'],
  'usage:read': ['owner', 'admin', 'finance'],
  'pricing:manage': ['owner', 'admin'],
  'integrations:manage': ['owner', 'admin'],
  'activity:read': ['owner', 'admin'],
  'store:delete': ['owner'],
  'ownership:transfer': ['owner'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[]

export function roleAllows(role: Role, permission: Permission) {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}

/**
 * What an API token may be granted: the read/write permissions that make
 * sense without a browser. A token never carries more than its creator's role.
 */
export const TOKEN_ABILITIES = [
  'store:read',
  'team:read',
  'catalog:read',
  'catalog:write',
  'orders:read',
  'orders:write',
  'usage:read',
] as const
export type TokenAbility = (typeof TOKEN_ABILITIES)[number]

const TOKEN_ABILITY_REQUIRES: Record<TokenAbility, Permission | null> = {
  'store:read': null,
  'team:read': null,
  'catalog:read': 'catalog:read',
  'catalog:write': 'catalog:write',
  'orders:read': 'orders:read',
  'orders:write': 'orders:write',
  'usage:read': 'usage:read',
}

export function roleMayGrant(role: Role, ability: TokenAbility) {
  const needed = TOKEN_ABILITY_REQUIRES[ability]
  return needed === null || roleAllows(role, needed)
}
