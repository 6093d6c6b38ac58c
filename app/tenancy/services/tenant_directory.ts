import redis from '@adonisjs/redis/services/main'
import Tenant from '../models/tenant.js'
import type { TenantSnapshot } from './tenant_context.js'
import { FORGET_CHANNEL, localTenantCache } from './local_tenant_cache.js'

const CACHE_SECONDS = 300
const MISS_SECONDS = 30
const MISS = 'none'

function slugKey(slug: string) {
  return `tenancy:slug:${slug}`
}
function domainKey(domain: string) {
  return `tenancy:domain:${domain}`
}
function idKey(id: string) {
  return `tenancy:id:${id}`
}
/** Only ever in this process: never written to Redis */
export function settingsKey(id: string) {
  return `tenancy:settings:${id}`
}

async function fromRedis(
  key: string,
  load: () => Promise<Tenant | null>
): Promise<TenantSnapshot | null> {
  const hit = await redis.get(key)
  if (hit === MISS) return null
  if (hit) return JSON.parse(hit) as TenantSnapshot
  const tenant = await load()
  if (!tenant) {
    await redis.set(key, MISS, 'EX', MISS_SECONDS)
    return null
  }
  const snapshot = tenant.toSnapshot()
  await redis.set(key, JSON.stringify(snapshot), 'EX', CACHE_SECONDS)
  return snapshot
}

function cached(key: string, load: () => Promise<Tenant | null>) {
  return localTenantCache.remember(key, () => fromRedis(key, load))
}

/**
 * Host → tenant lookups, cached in this process and in Redis. Every change
 * to a tenant's slug, domain or status goes through `forgetTenant`, which
 * drops the Redis entries and tells every process to drop its copy, so no
 * cache serves a suspended store as active once the change has committed.
 */
export const tenantDirectory = {
  findBySlug(slug: string) {
    return cached(slugKey(slug), () => Tenant.findBy('slug', slug))
  },

  findById(id: string) {
    return cached(idKey(id), () => Tenant.find(id))
  },

  findByCustomDomain(domain: string) {
    return cached(domainKey(domain), () => Tenant.findBy('customDomain', domain))
  },

  async forgetTenant(tenant: { id: string; slug: string; customDomain: string | null }) {
    const keys = [slugKey(tenant.slug), idKey(tenant.id)]
    if (tenant.customDomain) keys.push(domainKey(tenant.customDomain))
    await redis.del(...keys)
    const everywhere = [...keys, settingsKey(tenant.id)]
    localTenantCache.forget(everywhere)
    await redis.publish(FORGET_CHANNEL, JSON.stringify(everywhere))
  },
}
