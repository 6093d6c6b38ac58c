import env from '#start/env'
import mail from '@adonisjs/mail/services/main'
import { Conflict, Invalid, NotAllowed, NotFound, clock, randomToken, sha256 } from '#core/mod'
import { currentTenant, recordActivity, tenantDirectory, withTenant } from '#tenancy/mod'
import Membership from '../models/membership.js'
import Invitation from '../models/invitation.js'
import User from '../models/user.js'
import InvitationMail from '../mails/invitation_mail.js'
import { outranksOrEquals, type Role } from '../roles.js'

const INVITATION_DAYS = 7

function ensureMayManageTeam(actor: Membership) {
  if (!actor.can('team:manage')) throw new NotAllowed('Only owners and admins manage the team')
}

function ensureMayGrant(actor: Membership, role: Role) {
  if (!outranksOrEquals(actor.role, role)) {
    throw new NotAllowed(`You cannot grant the ${role} role: it is above your own`)
  }
}

async function findMemberOrFail(membershipId: string) {
  const member = await Membership.query().where('id', membershipId).preload('user').first()
  if (!member) throw new NotFound('No such member in this store')
  return member
}

async function ownerCount() {
  const rows = await Membership.query().where('role', 'owner').count('* as total')
  return Number(rows[0].$extras.total)
}

export async function listMembers() {
  return Membership.query().preload('user').orderBy('created_at', 'asc')
}

export async function pendingInvitations() {
  return Invitation.query()
    .where('tenant_id', currentTenant().id)
    .whereNull('accepted_at')
    .whereNull('revoked_at')
    .where('expires_at', '>', clock.now().toSQL()!)
    .orderBy('created_at', 'desc')
}

/**
 * Invites by email with a role no higher than the inviter's. A newer
 * invitation to the same address replaces the older one.
 */
export async function inviteMember(
  actor: Membership,
  input: { email: string; role: Role },
  locale: string
) {
  ensureMayManageTeam(actor)
  ensureMayGrant(actor, input.role)
  const tenant = currentTenant()
  const email = input.email.trim().toLowerCase()

  const existingUser = await User.findBy('email', email)
  if (existingUser && (await Membership.findBy('userId', existingUser.id))) {
    throw new Conflict(`${email} is already a member of this store`, 'email')
  }

  await Invitation.query()
    .where('tenant_id', tenant.id)
    .where('email', email)
    .whereNull('accepted_at')
    .whereNull('revoked_at')
    .update({ revoked_at: clock.now().toSQL() })

  const token = randomToken()
  const invitation = await Invitation.create({
    tenantId: tenant.id,
    email,
    role: input.role,
    tokenHash: sha256(token),
    invitedByUserId: actor.userId,
    expiresAt: clock.now().plus({ days: INVITATION_DAYS }),
  })
  await recordActivity({
    action: 'member.invited',
    actorUserId: actor.userId,
    subject: { type: 'invitation', id: invitation.id },
    data: { email, role: input.role },
  })
  const url = `${env.get('APP_URL')}/invitations/${token}`
  await mail.sendLater(new InvitationMail(email, tenant.name, input.role, url, locale))
  return { invitation, token }
}

export async function revokeInvitation(actor: Membership, invitationId: string) {
  ensureMayManageTeam(actor)
  const invitation = await Invitation.query()
    .where('tenant_id', currentTenant().id)
    .where('id', invitationId)
    .whereNull('accepted_at')
    .first()
  if (!invitation) throw new NotFound('No such invitation in this store')
  ensureMayGrant(actor, invitation.role)
  invitation.revokedAt = clock.now()
  await invitation.save()
  await recordActivity({
    action: 'invitation.revoked',
    actorUserId: actor.userId,
    subject: { type: 'invitation', id: invitation.id },
    data: { email: invitation.email },
  })
}

/**
 * Finds an open invitation by its token: the one read of invitations that
 * happens before the tenant is known.
 */
export async function findOpenInvitation(token: string) {
  const invitation = await Invitation.findBy('tokenHash', sha256(token))
  if (!invitation || !invitation.isOpenAt(clock.now())) return null
  const store = await tenantDirectory.findById(invitation.tenantId)
  if (!store) return null
  const existingUser = await User.findBy('email', invitation.email)
  return { invitation, store, existingUser }
}

/**
 * Accepts as `user` (who must own the invited address), or creates the
 * account from `newAccount`. Membership and acceptance commit together.
 */
export async function acceptInvitation(
  token: string,
  acceptor: { user: User } | { newAccount: { fullName: string; password: string } }
) {
  const found = await findOpenInvitation(token)
  if (!found) throw new NotFound('This invitation has expired, was revoked or was already used')
  const { invitation, store, existingUser } = found

  if ('user' in acceptor && acceptor.user.email !== invitation.email) {
    throw new NotAllowed(`This invitation is for ${invitation.email}; sign in with that address`)
  }
  if ('newAccount' in acceptor && existingUser) {
    throw new Conflict(`An account for ${invitation.email} exists: sign in to accept`, 'email')
  }

  return withTenant(store, async () => {
    const user =
      'user' in acceptor
        ? acceptor.user
        : await User.create({
            email: invitation.email,
            fullName: acceptor.newAccount.fullName,
            password: acceptor.newAccount.password,
            isPlatformAdmin: false,
          })
    const claimed = await Invitation.query()
      .where('tenant_id', store.id)
      .where('id', invitation.id)
      .whereNull('accepted_at')
      .update({ accepted_at: clock.now().toSQL() })
      .returning('id')
    if ((claimed as unknown[]).length === 0) {
      throw new NotFound('This invitation was already used')
    }
    const membership =
      (await Membership.findBy('userId', user.id)) ??
      (await Membership.create({ userId: user.id, role: invitation.role }))
    await recordActivity({
      action: 'member.joined',
      actorUserId: user.id,
      subject: { type: 'membership', id: membership.id },
      data: { email: user.email, role: membership.role },
    })
    return { user, store, membership }
  })
}

export async function changeRole(actor: Membership, membershipId: string, role: Role) {
  ensureMayManageTeam(actor)
  const member = await findMemberOrFail(membershipId)
  ensureMayGrant(actor, member.role)
  ensureMayGrant(actor, role)
  if (member.role === 'owner' && role !== 'owner' && (await ownerCount()) <= 1) {
    throw new Invalid('The last owner cannot be demoted: transfer ownership first', 'role')
  }
  const previous = member.role
  member.role = role
  await member.save()
  await recordActivity({
    action: 'member.role_changed',
    actorUserId: actor.userId,
    subject: { type: 'membership', id: member.id },
    data: { email: member.user.email, from: previous, to: role },
  })
  return member
}

export async function removeMember(actor: Membership, membershipId: string) {
  const member = await findMemberOrFail(membershipId)
  const leavingThemselves = member.id === actor.id
  if (!leavingThemselves) {
    ensureMayManageTeam(actor)
    ensureMayGrant(actor, member.role)
  }
  if (member.role === 'owner' && (await ownerCount()) <= 1) {
    throw new Invalid('The last owner cannot be removed: transfer ownership first')
  }
  await member.delete()
  await recordActivity({
    action: 'member.removed',
    actorUserId: actor.userId,
    subject: { type: 'membership', id: member.id },
    data: { email: member.user.email, role: member.role },
  })
}

export async function transferOwnership(actor: Membership, membershipId: string) {
  if (!actor.can('ownership:transfer')) throw new NotAllowed('Only an owner can transfer ownership')
  const member = await findMemberOrFail(membershipId)
  if (member.id === actor.id) throw new Invalid('You already own this store')
  member.role = 'owner'
  await member.save()
  actor.role = 'admin'
  await actor.save()
  await recordActivity({
    action: 'store.ownership_transferred',
    actorUserId: actor.userId,
    subject: { type: 'membership', id: member.id },
    data: { to: member.user.email },
  })
}
