import type { HttpContext } from '@adonisjs/core/http'
import { afterCursor, nextCursorOf, readCursorPage, validate } from '#core/mod'
import { invitationValidator } from '../../validators/identity_validators.js'
import InviteMember from '../../operations/invite_member.js'
import RevokeInvitation from '../../operations/revoke_invitation.js'
import { pendingInvitations } from '../../queries/team.js'
import type Invitation from '../../models/invitation.js'

function invitationShape(invitation: Invitation) {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISO(),
    createdAt: invitation.createdAt.toISO(),
  }
}

/**
 * `/api/v1/invitations` (`team:read`, `team:write`): the open invitations,
 * and inviting or withdrawing with the team page's rules (nobody invites to,
 * or withdraws an invitation to, a role above their own).
 */
export default class ApiInvitationsController {
  async index({ request }: HttpContext) {
    const page = readCursorPage(request.qs())
    const rows = await afterCursor(pendingInvitations(), page)
    return {
      data: rows.slice(0, page.limit).map(invitationShape),
      nextCursor: nextCursorOf(rows, page),
    }
  }

  async store(ctx: HttpContext) {
    const input = await validate(ctx, invitationValidator)
    const { invitation } = await new InviteMember().handle({
      actor: ctx.apiCaller.membership,
      ...input,
      locale: ctx.i18n.locale,
    })
    ctx.response.status(201)
    return { data: invitationShape(invitation) }
  }

  async destroy(ctx: HttpContext) {
    await new RevokeInvitation().handle({
      actor: ctx.apiCaller.membership,
      invitationId: ctx.params.id,
    })
    return { data: { id: ctx.params.id, revoked: true } }
  }
}
