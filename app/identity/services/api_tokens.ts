import db from '@adonisjs/lucid/services/db'
import { clock, sha256 } from '#core/mod'
import { tenantDirectory, withTenant, type TenantSnapshot } from '#tenancy/mod'
import ApiToken, { TOKEN_PREFIX } from '../models/api_token.js'
import Membership from '../models/membership.js'
import User from '../models/user.js'

/** `last_used_at` is written at most this often per token, not on every call */
const LAST_USED_RESOLUTION_SECONDS = 60

export interface ApiCaller {
  token: ApiToken
  store: TenantSnapshot
  user: User
}

/**
 * Records a use of the token, at most once a minute: the conditional update
 * lets one request a minute through and costs the others nothing but a read.
 */
async function touch(token: ApiToken) {
  const now = clock.now()
  if (
    token.lastUsedAt &&
    now.diff(token.lastUsedAt, 'seconds').seconds < LAST_USED_RESOLUTION_SECONDS
  ) {
    return
  }
  const staleBefore = now.minus({ seconds: LAST_USED_RESOLUTION_SECONDS }).toSQL()!
  await db
    .from('api_tokens')
    .where('tenant_id', token.tenantId)
    .where('id', token.id)
    .where((query) => query.whereNull('last_used_at').orWhere('last_used_at', '<=', staleBefore))
    .update({ last_used_at: now.toSQL() })
}

/**
 * Resolves a bearer token to its store and member. The token is found by
 * its hash (the one read of api_tokens before a tenant is known); its holder
 * must still be a member, or the token is worthless.
 */
export async function authenticateApiToken(plain: string): Promise<ApiCaller | null> {
  if (!plain.startsWith(TOKEN_PREFIX)) return null
  const token = await ApiToken.findBy('tokenHash', sha256(plain))
  if (!token || !token.isUsableAt(clock.now())) return null
  const store = await tenantDirectory.findById(token.tenantId)
  const user = await User.find(token.userId)
  if (!store || !user) return null
  await touch(token)
  return { token, store, user }
}

export async function membershipOf(user: User) {
  return Membership.findBy('userId', user.id)
}

export function runAsApiCaller<T>(caller: ApiCaller, work: () => Promise<T>) {
  return withTenant(caller.store, work)
}
