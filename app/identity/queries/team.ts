import { clock, sha256 } from '#core/mod'
import { currentTenant, tenantDirectory } from '#tenancy/mod'
import Membership from '../models/membership.js'
import Invitation from '../models/invitation.js'
import User from '../models/user.js'

/** The current store's members, oldest first, with their accounts */
export function listMembers() {
  return Membership.query().preload('user').orderBy('created_at', 'asc')
}

/** Invitations of the current store that can still be accepted, newest first */
export function pendingInvitations() {
  return Invitation.query()
    .where('tenant_id', currentTenant().id)
    .whereNull('accepted_at')
    .whereNull('revoked_at')
    .where('expires_at', '>', clock.now().toSQL()!)
    .orderBy('created_at', 'desc')
}

/**
 * An open invitation by its token: the one read of invitations that happens
 * before the tenant is known. Null when unknown, used, revoked or expired.
 */
export async function findOpenInvitation(token: string) {
  const invitation = await Invitation.findBy('tokenHash', sha256(token))
  if (!invitation || !invitation.isOpenAt(clock.now())) return null
  const store = await tenantDirectory.findById(invitation.tenantId)
  if (!store) return null
  const existingUser = await User.findBy('email', invitation.email)
  return { invitation, store, existingUser }
}

/** Whether the token belongs to an invitation that was already accepted */
export async function isAcceptedInvitation(token: string) {
  const invitation = await Invitation.findBy('tokenHash', sha256(token))
  return Boolean(invitation?.acceptedAt)
}
