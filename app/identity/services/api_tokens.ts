import db from '@adonisjs/lucid/services/db'
import { NotAllowed, NotFound, clock, randomToken, sha256 } from '#core/mod'
import {
  currentTenant,
  recordActivity,
  tenantDirectory,
  withTenant,
  type TenantSnapshot,
} from '#tenancy/mod'
import ApiToken from '../models/api_token.js'
import Membership from '../models/membership.js'
import User from '../models/user.js'
import { roleMayGrant, type TokenAbility } from '../roles.js'

const TOKEN_PREFIX = 'bzr_'

export interface NewApiToken {
  name: string
  abilities: TokenAbility[]
  expiresInDays?: number | null
}

/**
 * Creates a token for the current tenant. The plain value is returned once
 * and only its hash is stored.
 */
export async function issueApiToken(
  creator: Membership,
  input: NewApiToken,
  options: { issuedByOperator?: boolean } = {}
) {
  if (!options.issuedByOperator && !creator.can('integrations:manage')) {
    throw new NotAllowed('Only owners and admins manage API tokens')
  }
  const beyondRole = input.abilities.filter((ability) => !roleMayGrant(creator.role, ability))
  if (beyondRole.length > 0) {
    throw new NotAllowed(`Your role cannot grant: ${beyondRole.join(', ')}`)
  }
  const plain = `${TOKEN_PREFIX}${randomToken(32)}`
  const token = await ApiToken.create({
    tenantId: currentTenant().id,
    userId: creator.userId,
    name: input.name,
    abilities: [...new Set(input.abilities)],
    tokenHash: sha256(plain),
    hint: plain.slice(-4),
    expiresAt: input.expiresInDays ? clock.now().plus({ days: input.expiresInDays }) : null,
  })
  await recordActivity({
    action: 'api_token.created',
    actorUserId: creator.userId,
    subject: { type: 'api_token', id: token.id },
    data: {
      name: token.name,
      abilities: token.abilities,
      byOperator: Boolean(options.issuedByOperator),
    },
  })
  return { token, plain }
}

export async function listApiTokens() {
  return ApiToken.query()
    .where('tenant_id', currentTenant().id)
    .whereNull('revoked_at')
    .orderBy('created_at', 'desc')
}

export async function revokeApiToken(actor: Membership, tokenId: string) {
  if (!actor.can('integrations:manage')) {
    throw new NotAllowed('Only owners and admins manage API tokens')
  }
  const token = await ApiToken.query()
    .where('tenant_id', currentTenant().id)
    .where('id', tokenId)
    .whereNull('revoked_at')
    .first()
  if (!token) throw new NotFound('No such API token in this store')
  token.revokedAt = clock.now()
  await token.save()
  await recordActivity({
    action: 'api_token.revoked',
    actorUserId: actor.userId,
    subject: { type: 'api_token', id: token.id },
    data: { name: token.name },
  })
}

/**
 * Replaces a token with a fresh one carrying the same name, abilities and
 * lifetime; the old one stops working in the same transaction.
 */
export async function rotateApiToken(current: ApiToken, holder: Membership) {
  current.revokedAt = clock.now()
  await current.save()
  const lifetimeDays = current.expiresAt
    ? Math.max(1, Math.ceil(current.expiresAt.diff(current.createdAt, 'days').days))
    : null
  const plain = `${TOKEN_PREFIX}${randomToken(32)}`
  const token = await ApiToken.create({
    tenantId: current.tenantId,
    userId: holder.userId,
    name: current.name,
    abilities: current.abilities,
    tokenHash: sha256(plain),
    hint: plain.slice(-4),
    expiresAt: lifetimeDays ? clock.now().plus({ days: lifetimeDays }) : null,
  })
  await recordActivity({
    action: 'api_token.rotated',
    actorUserId: holder.userId,
    subject: { type: 'api_token', id: token.id },
    data: { name: token.name, replaced: current.id },
  })
  return { token, plain }
}

export interface ApiCaller {
  token: ApiToken
  store: TenantSnapshot
  user: User
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
  await db
    .from('api_tokens')
    .where('tenant_id', token.tenantId)
    .where('id', token.id)
    .update({ last_used_at: clock.now().toSQL() })
  return { token, store, user }
}

export async function membershipOf(user: User) {
  return Membership.findBy('userId', user.id)
}

export function runAsApiCaller<T>(caller: ApiCaller, work: () => Promise<T>) {
  return withTenant(caller.store, work)
}
