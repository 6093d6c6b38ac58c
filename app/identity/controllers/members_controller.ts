import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, submitForm, type FormState } from '#core/mod'
import { ROLES } from '../roles.js'
import { roleValidator } from '../validators/identity_validators.js'
import { changeRole, listMembers, pendingInvitations, removeMember } from '../services/team.js'

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
      action: ({ role }) => changeRole(ctx.membership, ctx.params.id, role),
    })
    return ctx.response.redirect().toRoute('members.index')
  }

  async destroy(ctx: HttpContext) {
    const leaving = ctx.params.id === ctx.membership.id
    await removeMember(ctx.membership, ctx.params.id)
    return leaving
      ? ctx.response.redirect().toRoute('dashboard.show')
      : ctx.response.redirect().toRoute('members.index')
  }
}
