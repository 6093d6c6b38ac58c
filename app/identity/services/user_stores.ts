import db from '@adonisjs/lucid/services/db'
import { asUser, currentClient, storesByIds, type TenantSnapshot } from '#tenancy/mod'
import type { Role } from '../roles.js'

export interface UserStore extends TenantSnapshot {
  tenantId: string
  role: Role
}

/**
 * The stores a user belongs to, across tenants, by name: read as that user,
 * which row-level security allows for their own memberships only.
 */
export function storesOf(userId: string): Promise<UserStore[]> {
  return asUser(userId, () => storesOfUserInThisUnit(userId))
}

/**
 * The same list, read in the current unit of work, which must run as that
 * user (`asUser`, `asUserInTenant`).
 */
export async function storesOfUserInThisUnit(userId: string): Promise<UserStore[]> {
  const memberships: { tenant_id: string; role: Role }[] = await currentClient()
    .from('memberships')
    .where('user_id', userId)
    .select('tenant_id', 'role')
  const roles = new Map(memberships.map((membership) => [membership.tenant_id, membership.role]))
  const stores = await storesByIds([...roles.keys()])
  return stores.map((store) => ({ ...store, tenantId: store.id, role: roles.get(store.id)! }))
}

export interface StoreMember {
  email: string
  role: Role
}

/**
 * Every store's members, by store id: a platform admin's read, through the
 * `platform` connection.
 */
export async function membersOfEveryStoreForPlatformAdmin(): Promise<Map<string, StoreMember[]>> {
  const rows = await db
    .connection('platform')
    .from('memberships')
    .join('users', 'users.id', 'memberships.user_id')
    .select('memberships.tenant_id', 'users.email', 'memberships.role')
    .orderBy('users.email')
  const byStore = new Map<string, StoreMember[]>()
  for (const row of rows) {
    const members = byStore.get(row.tenant_id) ?? []
    members.push({ email: row.email, role: row.role })
    byStore.set(row.tenant_id, members)
  }
  return byStore
}
