import db from '@adonisjs/lucid/services/db'
import { tenantDirectory } from './tenant_directory.js'
import type { TenantSnapshot } from './tenant_context.js'

export interface StoreOverview {
  id: string
  slug: string
  name: string
  status: 'active' | 'suspended'
  createdAt: Date
}

/**
 * The stores with these ids, by name, from the tenant directory's cache
 * (every signed-in page asks, so this saves a query per request); a miss
 * loads in the caller's unit of work when there is one.
 */
export async function storesByIds(ids: string[]): Promise<TenantSnapshot[]> {
  const found = await Promise.all(ids.map((id) => tenantDirectory.findById(id)))
  return found
    .filter((store): store is TenantSnapshot => store !== null)
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Every store on the platform, newest first: a platform admin's read, through
 * the `platform` connection, the only role that reads past row-level security.
 */
export async function allStoresForPlatformAdmin(): Promise<StoreOverview[]> {
  const rows = await db
    .connection('platform')
    .from('tenants')
    .select('id', 'slug', 'name', 'status', 'created_at')
    .orderBy('created_at', 'desc')
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
  }))
}
