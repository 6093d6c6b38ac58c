import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { NotAllowed, keepOutOfCaches } from '#core/mod'
import {
  authenticateApiToken,
  membershipOf,
  runAsApiCaller,
  type ApiCaller,
} from '../services/api_tokens.js'
import { roleMayGrant, type TokenAbility } from '../roles.js'
import { refuseWritesWhileSuspended } from '../services/suspension.js'
import type Membership from '../models/membership.js'

function unauthorized(ctx: HttpContext) {
  ctx.response.header('WWW-Authenticate', 'Bearer')
  return ctx.response.unauthorized({
    errors: [{ field: 'authorization', message: ctx.i18n.t('api.unauthenticated') }],
  })
}

/**
 * `Authorization: Bearer <token>`: runs the request as the token's store.
 * The token must carry `ability`, and its holder's current role must still
 * allow it (a demoted member's old tokens shrink with them).
 */
export default class ApiTokenMiddleware {
  async handle(ctx: HttpContext, next: NextFn, ability?: TokenAbility) {
    keepOutOfCaches(ctx.response)
    const header = ctx.request.header('authorization') ?? ''
    const [scheme, plain] = header.split(' ')
    if (scheme?.toLowerCase() !== 'bearer' || !plain) return unauthorized(ctx)

    const caller = await authenticateApiToken(plain.trim())
    if (!caller) return unauthorized(ctx)

    return runAsApiCaller(caller, async () => {
      const membership = await membershipOf(caller.user)
      if (!membership) return unauthorized(ctx)
      if (ability && !(caller.token.allows(ability) && roleMayGrant(membership.role, ability))) {
        throw new NotAllowed(ctx.i18n.t('api.missing_ability', { ability }))
      }
      refuseWritesWhileSuspended(caller.store, ctx.request.method())
      ctx.apiCaller = { ...caller, membership }
      return next()
    })
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    apiCaller: ApiCaller & { membership: Membership }
  }
}
