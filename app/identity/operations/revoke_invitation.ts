import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import type Membership from '../models/membership.js'
import Invitation from '../models/invitation.js'
import { lockStoreRow } from '../queries/store_rows.js'
import { teamEventBy } from '../events.js'
import { say } from '../messages.js'

/**
 * Withdraws an open invitation of the current store. Nobody withdraws an
 * invitation to a role above their own.
 */
export default class RevokeInvitation {
  async handle({ actor, invitationId }: { actor: Membership; invitationId: string }) {
    const invitation = await lockStoreRow(Invitation, currentTenant().id, invitationId)
    if (!invitation || invitation.acceptedAt || invitation.revokedAt) {
      throw new NotFound(say('identity.errors.no_such_invitation'))
    }
    actor.ensureMayGrant(invitation.role)
    await invitation.revoke()
    await emitter.emit('invitation:revoked', {
      ...teamEventBy(actor),
      invitationId: invitation.id,
      email: invitation.email,
      role: invitation.role,
    })
  }
}
