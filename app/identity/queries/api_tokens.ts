import { clock } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import ApiToken from '../models/api_token.js'

/** The current store's tokens that are not revoked (expired ones included), newest first */
export function listApiTokens() {
  return ApiToken.query()
    .where('tenant_id', currentTenant().id)
    .whereNull('revoked_at')
    .orderBy('created_at', 'desc')
}

/** How many tokens a member holds in the current store that still work */
export async function activeTokenCount(userId: string) {
  const now = clock.now().toSQL()!
  const rows = await ApiToken.query()
    .where('tenant_id', currentTenant().id)
    .where('user_id', userId)
    .whereNull('revoked_at')
    .where((query) => query.whereNull('expires_at').orWhere('expires_at', '>', now))
    .count('* as total')
  return Number(rows[0].$extras.total)
}
