import emitter from '@adonisjs/core/services/emitter'
import { clock } from '#core/mod'
import type Membership from '../models/membership.js'
import ApiToken from '../models/api_token.js'
import { Contended } from '../errors.js'
import { lockStoreRow } from '../queries/store_rows.js'
import { teamEventBy } from '../events.js'
import { say } from '../messages.js'

/**
 * Replaces the calling token with a fresh one carrying the same name,
 * abilities and lifetime. The old row is locked first: of several rotations
 * at once exactly one replaces it, the others get 409.
 */
export default class RotateApiToken {
  async handle({ current, holder }: { current: ApiToken; holder: Membership }) {
    const locked = await lockStoreRow(ApiToken, current.tenantId, current.id)
    if (!locked || !locked.isUsableAt(clock.now())) {
      throw new Contended(say('identity.errors.token_already_rotated'))
    }
    await locked.revoke()
    const { token, plain } = await ApiToken.mint({
      tenantId: locked.tenantId,
      userId: holder.userId,
      name: locked.name,
      abilities: locked.abilities,
      lifetimeDays: locked.lifetimeDays,
    })
    await emitter.emit('token:rotated', {
      ...teamEventBy(holder),
      ...token.eventFields,
      replacedTokenId: locked.id,
    })
    return { token, plain }
  }
}
