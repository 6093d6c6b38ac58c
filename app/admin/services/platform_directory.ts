import db from '@adonisjs/lucid/services/db'

export interface TenantOverview {
  id: string
  slug: string
  name: string
  status: 'active' | 'suspended'
  createdAt: Date
  members: { email: string; role: string }[]
}

/**
 * Cross-tenant reads for platform admins. They go through the `platform`
 * connection, the only role that may read past row-level security, and
 * never through the app's own connection.
 */
export async function listTenantsWithMembers(): Promise<TenantOverview[]> {
  const platform = db.connection('platform')
  const tenants = await platform
    .from('tenants')
    .select('id', 'slug', 'name', 'status', 'created_at')
    .orderBy('created_at', 'desc')
  const members = await platform
    .from('memberships')
    .join('users', 'users.id', 'memberships.user_id')
    .select('memberships.tenant_id', 'users.email', 'memberships.role')
    .orderBy('users.email')
  return tenants.map((tenant) => ({
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    status: tenant.status,
    createdAt: tenant.created_at,
    members: members
      .filter((member) => member.tenant_id === tenant.id)
      .map((member) => ({ email: member.email, role: member.role })),
  }))
}
