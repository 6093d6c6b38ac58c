import emitter from '@adonisjs/core/services/emitter'
import { Invalid, NotAllowed } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Membership from '../models/membership.js'
import ApiToken from '../models/api_token.js'
import { roleMayGrant, type TokenAbility } from '../roles.js'
import { activeTokenCount } from '../queries/api_tokens.js'
import { teamEventBy } from '../events.js'
import { say } from '../messages.js'

/** How many working tokens one member may hold in one store */
export const MAX_ACTIVE_TOKENS_PER_MEMBER = 20

export interface NewApiToken {
  name: string
  abilities: TokenAbility[]
  expiresInDays?: number | null
}

/**
 * Creates a token for `holder` in the current store, never carrying more
 * than the holder's role allows and never beyond the per-member cap (the
 * holder's membership row is locked while counting, so requests at once
 * cannot slip past it). The plain value is returned once.
 */
export default class IssueApiToken {
  async handle(holder: Membership, input: NewApiToken, options: { byOperator?: boolean } = {}) {
    const beyondRole = input.abilities.filter((ability) => !roleMayGrant(holder.role, ability))
    if (beyondRole.length > 0) {
      throw new NotAllowed(
        say('identity.errors.token_beyond_role', { abilities: beyondRole.join(', ') })
      )
    }
    const tenant = currentTenant()
    await Membership.query().where('id', holder.id).forUpdate().firstOrFail()
    if ((await activeTokenCount(holder.userId)) >= MAX_ACTIVE_TOKENS_PER_MEMBER) {
      throw new Invalid(say('identity.errors.token_cap', { max: MAX_ACTIVE_TOKENS_PER_MEMBER }))
    }
    const { token, plain } = await ApiToken.mint({
      tenantId: tenant.id,
      userId: holder.userId,
      name: input.name,
      abilities: input.abilities,
      lifetimeDays: input.expiresInDays ?? null,
    })
    await emitter.emit('token:created', {
      ...teamEventBy(holder),
      ...token.eventFields,
      abilities: token.abilities,
      byOperator: Boolean(options.byOperator),
    })
    return { token, plain }
  }
}

/**
 * The same, for operators and fixtures that hold a membership in hand:
 * `token:create` passes `issuedByOperator`.
 */
export function issueApiToken(
  holder: Membership,
  input: NewApiToken,
  options: { issuedByOperator?: boolean } = {}
) {
  return new IssueApiToken().handle(holder, input, { byOperator: options.issuedByOperator })
}
