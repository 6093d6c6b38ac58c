import { currentTenant } from '#tenancy/mod'
import type { Role } from './roles.js'

/**
 * What happens to a store's team and its API tokens. Payloads are plain
 * values (ids, emails, roles), never models. Each is emitted inside the
 * store's unit of work, so a listener's writes commit or roll back with the
 * change it hears about.
 */
export interface TeamEvent {
  tenantId: string
  /** Who did it; null when an operator did it from the command line */
  actorUserId: string | null
}

/** Who did it, in which store: the current store and the acting member */
export function teamEventBy(actor: { userId: string }): TeamEvent {
  return { tenantId: currentTenant().id, actorUserId: actor.userId }
}

export interface TokenEvent extends TeamEvent {
  tokenId: string
  holderUserId: string
  name: string
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'member:invited': TeamEvent & { invitationId: string; email: string; role: Role }
    'invitation:revoked': TeamEvent & { invitationId: string; email: string; role: Role }
    'member:joined': TeamEvent & {
      membershipId: string
      userId: string
      email: string
      role: Role
      invitationId: string
    }
    'member:role_changed': TeamEvent & {
      membershipId: string
      userId: string
      email: string
      from: Role
      to: Role
    }
    'member:removed': TeamEvent & {
      membershipId: string
      userId: string
      email: string
      role: Role
      /** The member left on their own */
      left: boolean
      /** Their API tokens for this store, revoked with the membership */
      revokedTokenIds: string[]
    }
    'ownership:transferred': TeamEvent & {
      fromMembershipId: string
      toMembershipId: string
      toUserId: string
      toEmail: string
    }
    'token:created': TokenEvent & { abilities: string[]; byOperator: boolean }
    'token:revoked': TokenEvent
    'token:rotated': TokenEvent & { replacedTokenId: string }
    /** The owner of an address proved it; a password of unknown origin was removed */
    'user:email_verified': {
      userId: string
      email: string
      passwordCleared: boolean
      revokedTokenIds: string[]
    }
  }
}
