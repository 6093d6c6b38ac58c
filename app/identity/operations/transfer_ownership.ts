import emitter from '@adonisjs/core/services/emitter'
import { Invalid, NotAllowed } from '#core/mod'
import Membership from '../models/membership.js'
import { teamEventBy } from '../events.js'
import { say } from '../messages.js'

/**
 * Hands the current store to another member: they become owner, the actor
 * becomes admin. Only an owner (as the locked rows say, not as the request
 * began) transfers ownership.
 */
export default class TransferOwnership {
  async handle({ actor, membershipId }: { actor: Membership; membershipId: string }) {
    const team = await Membership.lockForOwnershipChange([actor.id, membershipId])
    const acting = team.get(actor.id)
    if (acting.role !== 'owner') throw new NotAllowed(say('identity.errors.only_owner_transfers'))
    const member = team.get(membershipId)
    if (member.id === acting.id) throw new Invalid(say('identity.errors.already_owner'))

    member.role = 'owner'
    await member.save()
    acting.role = 'admin'
    await acting.save()
    actor.role = acting.role
    await member.load('user')
    await emitter.emit('ownership:transferred', {
      ...teamEventBy(actor),
      fromMembershipId: acting.id,
      toMembershipId: member.id,
      toUserId: member.userId,
      toEmail: member.user.email,
    })
  }
}
