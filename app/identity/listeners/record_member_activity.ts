import type { EventsList } from '@adonisjs/core/types'
import { recordActivity } from '#tenancy/mod'
import type { TeamEvent } from '../events.js'

type Subject = 'invitation' | 'membership' | 'api_token'

function record(
  action: string,
  event: TeamEvent,
  [type, id]: [Subject, string],
  data: Record<string, unknown>
) {
  return recordActivity({ action, actorUserId: event.actorUserId, subject: { type, id }, data })
}

function pick<Event, Key extends keyof Event>(event: Event, ...keys: Key[]) {
  return Object.fromEntries(keys.map((key) => [key, event[key]])) as Record<string, unknown>
}

/**
 * The store's activity log for its team and API tokens (same actions and
 * data as when the operations wrote it themselves): one method per event,
 * each run inside the store's unit of work by the emitter, so the entry
 * commits or rolls back with the change it describes.
 */
export default class RecordMemberActivity {
  memberInvited(event: EventsList['member:invited']) {
    const subject: [Subject, string] = ['invitation', event.invitationId]
    return record('member.invited', event, subject, pick(event, 'email', 'role'))
  }

  invitationRevoked(event: EventsList['invitation:revoked']) {
    return record('invitation.revoked', event, ['invitation', event.invitationId], {
      email: event.email,
    })
  }

  memberJoined(event: EventsList['member:joined']) {
    const data = pick(event, 'email', 'role')
    return record('member.joined', event, ['membership', event.membershipId], data)
  }

  memberRoleChanged(event: EventsList['member:role_changed']) {
    const data = pick(event, 'email', 'from', 'to')
    return record('member.role_changed', event, ['membership', event.membershipId], data)
  }

  memberRemoved(event: EventsList['member:removed']) {
    return record('member.removed', event, ['membership', event.membershipId], {
      email: event.email,
      role: event.role,
    })
  }

  ownershipTransferred(event: EventsList['ownership:transferred']) {
    const subject: [Subject, string] = ['membership', event.toMembershipId]
    return record('store.ownership_transferred', event, subject, { to: event.toEmail })
  }

  tokenCreated(event: EventsList['token:created']) {
    const data = pick(event, 'name', 'abilities', 'byOperator')
    return record('api_token.created', event, ['api_token', event.tokenId], data)
  }

  tokenRevoked(event: EventsList['token:revoked']) {
    return record('api_token.revoked', event, ['api_token', event.tokenId], { name: event.name })
  }

  tokenRotated(event: EventsList['token:rotated']) {
    const data = { name: event.name, replaced: event.replacedTokenId }
    return record('api_token.rotated', event, ['api_token', event.tokenId], data)
  }
}
