import { Bouncer } from '@adonisjs/bouncer'
import type { ModuleManifest } from '#core/mod'

export const ROLES = ['owner', 'admin', 'finance', 'member'] as const
export type Role = (typeof ROLES)[number]

/** An ability a module defines in its manifest, named `resource:verb` */
export type Permission = string
/** An ability an API token may carry */
export type TokenAbility = string

/**
 * Who outranks whom when inviting or changing roles: nobody grants a role
 * above their own.
 */
const RANK: Record<Role, number> = { owner: 4, admin: 3, finance: 2, member: 1 }

export function outranksOrEquals(actor: Role, target: Role) {
  return RANK[actor] >= RANK[target]
}

interface ActsWithRole {
  role: Role
}

type RoleAbility = ReturnType<typeof Bouncer.ability<(member: ActsWithRole) => boolean>>

interface AssembledPermissions {
  holders: Map<Permission, readonly Role[]>
  tokenAbilities: Map<TokenAbility, Permission | null>
  abilities: Record<Permission, RoleAbility>
}

let assembled: AssembledPermissions | null = null

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/**
 * Builds the role → ability table from every module's manifest, once at
 * boot. A permission defined twice, held by an unknown role, or a token
 * ability that needs an undefined permission stops the boot.
 */
export function assemblePermissions(manifests: readonly ModuleManifest[]) {
  const holders = new Map<Permission, readonly Role[]>()
  const tokenAbilities = new Map<TokenAbility, Permission | null>()
  for (const manifest of manifests) {
    for (const [permission, roles] of Object.entries(manifest.permissions ?? {})) {
      if (holders.has(permission)) {
        throw new Error(`Permission "${permission}" is defined twice (again by ${manifest.name})`)
      }
      const unknown = roles.filter((role) => !isRole(role))
      if (unknown.length > 0) {
        throw new Error(`${manifest.name}: "${permission}" names unknown roles ${unknown}`)
      }
      holders.set(permission, roles as Role[])
    }
    for (const [ability, needed] of Object.entries(manifest.tokenAbilities ?? {})) {
      tokenAbilities.set(ability, needed)
    }
  }
  for (const [ability, needed] of tokenAbilities) {
    if (needed !== null && !holders.has(needed)) {
      throw new Error(`Token ability "${ability}" needs "${needed}", which no module defines`)
    }
  }
  const abilities = Object.fromEntries(
    [...holders].map(([permission, roles]) => [
      permission,
      Bouncer.ability((member: ActsWithRole) => roles.includes(member.role)),
    ])
  )
  assembled = { holders, tokenAbilities, abilities }
}

function table(): AssembledPermissions {
  if (!assembled) throw new Error('Permissions are read before the modules were assembled')
  return assembled
}

/** The role matrix: every permission with the roles that hold it */
export function permissionMatrix(): Record<Permission, readonly Role[]> {
  return Object.fromEntries(table().holders)
}

export function permissionNames(): Permission[] {
  return [...table().holders.keys()]
}

export function isPermission(value: string) {
  return table().holders.has(value)
}

export function roleAllows(role: Role, permission: Permission) {
  const holders = table().holders.get(permission)
  if (!holders) throw new Error(`Unknown permission "${permission}"`)
  return holders.includes(role)
}

export function tokenAbilityNames(): TokenAbility[] {
  return [...table().tokenAbilities.keys()]
}

/**
 * A token never carries more than its holder's role: each ability needs the
 * permission it stands for (or none, for what every member may read).
 */
export function roleMayGrant(role: Role, ability: TokenAbility) {
  const abilities = table().tokenAbilities
  if (!abilities.has(ability)) return false
  const needed = abilities.get(ability)!
  return needed === null || roleAllows(role, needed)
}

/**
 * One Bouncer ability per permission; the actor is the signed-in member of
 * the current store.
 */
export function bouncerAbilities() {
  return table().abilities
}
