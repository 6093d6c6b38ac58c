import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import type Membership from '../models/membership.js'
import ApiToken from '../models/api_token.js'
import { lockStoreRow } from '../queries/store_rows.js'
import { teamEventBy } from '../events.js'
import { say } from '../messages.js'

/** Stops one of the current store's tokens from working */
export default class RevokeApiToken {
  async handle({ actor, tokenId }: { actor: Membership; tokenId: string }) {
    const token = await lockStoreRow(ApiToken, currentTenant().id, tokenId)
    if (!token || token.revokedAt) throw new NotFound(say('identity.errors.no_such_token'))
    await token.revoke()
    await emitter.emit('token:revoked', { ...teamEventBy(actor), ...token.eventFields })
  }
}
