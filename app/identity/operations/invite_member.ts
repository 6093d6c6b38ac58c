import emitter from '@adonisjs/core/services/emitter'
import mail from '@adonisjs/mail/services/main'
import {
  Conflict,
  clock,
  countRows,
  ensureCapacity,
  platformUrl,
  randomToken,
  sha256,
} from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Membership from '../models/membership.js'
import Invitation from '../models/invitation.js'
import User from '../models/user.js'
import InvitationMail from '../mails/invitation_mail.js'
import type { Role } from '../roles.js'
import { teamEventBy } from '../events.js'
import { say } from '../messages.js'

const INVITATION_DAYS = 7

export interface InviteMemberInput {
  actor: Membership
  email: string
  role: Role
  /** The language of the invitation mail */
  locale: string
}

/**
 * Invites an address to the current store with a role no higher than the
 * inviter's; a newer invitation to the same address replaces the older one
 * (and so takes no new seat under the plan's members cap).
 * Runs in the store's unit of work (the caller's).
 */
export default class InviteMember {
  async handle({ actor, email: rawEmail, role, locale }: InviteMemberInput) {
    actor.ensureMayGrant(role)
    const tenant = currentTenant()
    const email = rawEmail.trim().toLowerCase()

    const existingUser = await User.findBy('email', email)
    if (existingUser && (await Membership.findBy('userId', existingUser.id))) {
      throw new Conflict(say('identity.errors.already_member', { email }), 'email')
    }

    await Invitation.query()
      .where('tenant_id', tenant.id)
      .where('email', email)
      .whereNull('accepted_at')
      .whereNull('revoked_at')
      .update({ revoked_at: clock.now().toSQL() })

    // A pending invitation holds its seat: the plan's cap counts members and open invitations
    await ensureCapacity('members', async () => {
      const members = await countRows(Membership.query().count('* as total'))
      const invited = await countRows(
        Invitation.query()
          .where('tenant_id', tenant.id)
          .whereNull('accepted_at')
          .whereNull('revoked_at')
          .where('expires_at', '>', clock.now().toSQL()!)
          .count('* as total')
      )
      return members + invited
    })

    const token = randomToken()
    const invitation = await Invitation.create({
      tenantId: tenant.id,
      email,
      role,
      tokenHash: sha256(token),
      invitedByUserId: actor.userId,
      expiresAt: clock.now().plus({ days: INVITATION_DAYS }),
    })
    await emitter.emit('member:invited', {
      ...teamEventBy(actor),
      invitationId: invitation.id,
      email,
      role,
    })
    const url = platformUrl('invitation_acceptances.show', { token })
    await mail.sendLater(new InvitationMail(email, tenant.name, role, url, locale))
    return { invitation, token }
  }
}
