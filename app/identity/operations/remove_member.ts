import emitter from '@adonisjs/core/services/emitter'
import { clock } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Membership from '../models/membership.js'
import ApiToken from '../models/api_token.js'
import { teamEventBy } from '../events.js'
import { say } from '../messages.js'

/**
 * Takes a member out of the current store, or lets them leave it. Their API
 * tokens for the store are revoked with the membership, so coming back on a
 * new invitation does not bring old tokens back. The last owner stays.
 * Who may ask (themselves, or `team:manage`) is MembershipPolicy's answer;
 * nobody removes a role above their own.
 */
export default class RemoveMember {
  async handle({ actor, membershipId }: { actor: Membership; membershipId: string }) {
    const tenant = currentTenant()
    const team = await Membership.lockForOwnershipChange([actor.id, membershipId])
    const member = team.get(membershipId)
    const left = member.id === actor.id
    if (!left) team.get(actor.id).ensureMayGrant(member.role)
    member.ensureNotLastOwner(team.owners, say('identity.errors.last_owner_removed'))

    await member.load('user')
    await member.delete()
    const revoked = (await ApiToken.query()
      .where('tenant_id', tenant.id)
      .where('user_id', member.userId)
      .whereNull('revoked_at')
      .update({ revoked_at: clock.now().toSQL() })
      .returning('id')) as unknown as { id: string }[]
    await emitter.emit('member:removed', {
      ...teamEventBy(actor),
      membershipId: member.id,
      userId: member.userId,
      email: member.user.email,
      role: member.role,
      left,
      revokedTokenIds: revoked.map((row) => row.id),
    })
  }
}
