import db from '@adonisjs/lucid/services/db'
import { asUser, currentClient, storesByIds, type TenantSnapshot } from '#tenancy/mod'
import type { Role } from '../roles.js'
import Membership from '../models/membership.js'

export interface UserStore extends TenantSnapshot {
  tenantId: string
  role: Role
}

/**
 * The stores a user belongs to, across tenants, by name: read as that user,
 * which row-level security allows for their own memberships only.
 */
export function storesOf(userId: string): Promise<UserStore[]> {
  return asUser(userId, async () => {
    const { stores } = await membershipsOfUserInThisUnit(userId)
    return stores
  })
}

/**
 * The user's stores and their membership rows (as models), from one read in
 * the current unit of work, which must run as that user (`asUser`,
 * `asUserInTenant`): a signed-in page needs both.
 */
export async function membershipsOfUserInThisUnit(userId: string) {
  const rows: Record<string, unknown>[] = await currentClient()
    .from('memberships')
    .where('user_id', userId)
    .select('*')
  const memberships = new Map(
    rows.map((row) => [String(row.tenant_id), Membership.$createFromAdapterResult(row)!])
  )
  const found = await storesByIds([...memberships.keys()])
  const stores = found.map((store) => ({
    ...store,
    tenantId: store.id,
    role: memberships.get(store.id)!.role as Role,
  }))
  return { stores, memberships }
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
