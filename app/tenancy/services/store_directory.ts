import db from '@adonisjs/lucid/services/db'
import Tenant from '../models/tenant.js'
import type { TenantSnapshot } from './tenant_context.js'

export interface StoreOverview {
  id: string
  slug: string
  name: string
  status: 'active' | 'suspended'
  createdAt: Date
}

/**
 * The stores with these ids, by name. Joins the caller's unit of work when
 * there is one.
 */
export async function storesByIds(ids: string[]): Promise<TenantSnapshot[]> {
  if (ids.length === 0) return []
  const tenants = await Tenant.query().whereIn('id', ids).orderBy('name')
  return tenants.map((tenant) => tenant.toSnapshot())
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
