import { asUser, currentClient } from '#tenancy/mod'
import type { Role } from '../roles.js'

export interface UserStore {
  tenantId: string
  slug: string
  name: string
  status: 'active' | 'suspended'
  role: Role
}

/**
 * The stores a user belongs to, across tenants: read as that user, which
 * row-level security allows for their own memberships only.
 */
export function storesOf(userId: string): Promise<UserStore[]> {
  return asUser(userId, async () => {
    const result = await currentClient().rawQuery(
      `select m.tenant_id as "tenantId", t.slug, t.name, t.status, m.role
         from memberships m join tenants t on t.id = m.tenant_id
        where m.user_id = ?
        order by t.name`,
      [userId]
    )
    return result.rows as UserStore[]
  })
}
