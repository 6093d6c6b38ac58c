import emitter from '@adonisjs/core/services/emitter'
import Membership from '../models/membership.js'
import type { Role } from '../roles.js'
import { teamEventBy } from '../events.js'
import { say } from '../messages.js'

export interface ChangeMemberRoleInput {
  actor: Membership
  membershipId: string
  role: Role
}

/**
 * Gives a member of the current store another role: never to or from a
 * role above the actor's own, and never the store's last owner away.
 */
export default class ChangeMemberRole {
  async handle({ actor, membershipId, role }: ChangeMemberRoleInput) {
    const team = await Membership.lockForOwnershipChange([actor.id, membershipId])
    const member = team.get(membershipId)
    const acting = team.get(actor.id)
    acting.ensureMayGrant(member.role)
    acting.ensureMayGrant(role)
    if (role !== 'owner') {
      member.ensureNotLastOwner(team.owners, say('identity.errors.last_owner_demoted'), 'role')
    }
    const previous = member.role
    member.role = role
    await member.save()
    await member.load('user')
    await emitter.emit('member:role_changed', {
      ...teamEventBy(actor),
      membershipId: member.id,
      userId: member.userId,
      email: member.user.email,
      from: previous,
      to: role,
    })
    return member
  }
}
