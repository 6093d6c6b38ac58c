import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, submitForm, type FormState } from '#core/mod'
import { ROLES } from '../roles.js'
import Membership from '../models/membership.js'
import MembershipPolicy from '../policies/membership_policy.js'
import ChangeMemberRole from '../operations/change_member_role.js'
import RemoveMember from '../operations/remove_member.js'
import { roleValidator } from '../validators/identity_validators.js'
import { listMembers, pendingInvitations } from '../queries/team.js'

export async function renderTeamPage(ctx: HttpContext, form: FormState) {
  const [members, invitations] = await Promise.all([listMembers(), pendingInvitations()])
  return ctx.view.render('identity/team', { members, invitations, roles: ROLES, form })
}

export default class MembersController {
  async index(ctx: HttpContext) {
    return renderTeamPage(ctx, EMPTY_FORM)
  }

  async update(ctx: HttpContext) {
    await submitForm(ctx, {
      validator: roleValidator,
      render: (form) => renderTeamPage(ctx, form),
      action: ({ role }) =>
        new ChangeMemberRole().handle({
          actor: ctx.membership,
          membershipId: ctx.params.id,
          role,
        }),
    })
    return ctx.response.redirect().toRoute('members.index')
  }

  /** Removes a member, or lets the signed-in member leave */
  async destroy(ctx: HttpContext) {
    const target = await Membership.findOrFail(ctx.params.id)
    await ctx.bouncer.with(MembershipPolicy).authorize('destroy', target)
    await new RemoveMember().handle({ actor: ctx.membership, membershipId: target.id })
    return target.id === ctx.membership.id
      ? ctx.response.redirect().toRoute('dashboard.show')
      : ctx.response.redirect().toRoute('members.index')
  }
}
