import type { HttpContext } from '@adonisjs/core/http'
import { submitForm } from '#core/mod'
import { invitationValidator } from '../validators/identity_validators.js'
import InviteMember from '../operations/invite_member.js'
import RevokeInvitation from '../operations/revoke_invitation.js'
import { renderTeamPage } from './members_controller.js'

export default class InvitationsController {
  async store(ctx: HttpContext) {
    await submitForm(ctx, {
      validator: invitationValidator,
      render: (form) => renderTeamPage(ctx, form),
      action: (input) =>
        new InviteMember().handle({ actor: ctx.membership, ...input, locale: ctx.i18n.locale }),
    })
    ctx.session.flash('notice', ctx.i18n.t('identity.invitations.sent'))
    return ctx.response.redirect().toRoute('members.index')
  }

  async destroy(ctx: HttpContext) {
    await new RevokeInvitation().handle({ actor: ctx.membership, invitationId: ctx.params.id })
    return ctx.response.redirect().toRoute('members.index')
  }
}
