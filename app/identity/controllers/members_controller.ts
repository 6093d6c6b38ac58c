import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import {
  EMPTY_FORM,
  Invalid,
  NotAllowed,
  NotFound,
  fieldErrorsOf,
  flashMessage,
  isHtmx,
  listHref,
  listParams,
  submitForm,
  validate,
  wantsFragment,
  type FormState,
} from '#core/mod'
import { ROLES, outranksOrEquals, type Role } from '../roles.js'
import Membership from '../models/membership.js'
import MembershipPolicy from '../policies/membership_policy.js'
import ChangeMemberRole from '../operations/change_member_role.js'
import RemoveMember from '../operations/remove_member.js'
import { roleValidator } from '../validators/identity_validators.js'
import {
  MEMBER_LIST_DEFAULTS,
  findMember,
  listMembersPage,
  parseMemberListQuery,
  pendingInvitations,
} from '../queries/team.js'

/** The id of the element that holds the members table (the target of its htmx links) */
const TABLE_ID = 'members'

/** The roles the signed-in member may give (never one above their own) */
function grantableRoles(actor: Membership): Role[] {
  return ROLES.filter((role) => outranksOrEquals(actor.role, role))
}

/** What a row of the members table needs besides its member */
function rowState(ctx: HttpContext) {
  return { roles: ROLES, grantable: grantableRoles(ctx.membership) }
}

/**
 * The team page, or only its members table when htmx asks for that element
 * (a sort, filter or page link). `form` carries a refused role change or
 * invitation; `failedMemberId` is the row whose role change was refused.
 */
export async function renderTeamPage(
  ctx: HttpContext,
  form: FormState,
  failedMemberId: string | null = null
) {
  const list = parseMemberListQuery(ctx.request.qs())
  const [{ members, pagination }, invitations] = await Promise.all([
    listMembersPage(list),
    pendingInvitations(),
  ])
  const path = router.makeUrl('members.index')
  const params = listParams({ ...list, page: pagination.page }, MEMBER_LIST_DEFAULTS)
  const table = {
    id: TABLE_ID,
    path,
    params,
    sort: list.sort,
    dir: list.dir,
    filters: list.filters,
    pagination,
    filtered: Object.keys(list.filters).length > 0,
    clearHref: listHref(path, {}),
  }
  const state = {
    members,
    invitations,
    table,
    form,
    failedMemberId,
    ...rowState(ctx),
  }
  if (wantsFragment(ctx, TABLE_ID)) {
    return ctx.view.render('identity/partials/team_members', state)
  }
  return ctx.view.render('identity/team', state)
}

/** One row of the members table, as htmx swaps it in after a role change */
function renderRow(ctx: HttpContext, member: Membership, error: string | null = null) {
  return ctx.view.render('identity/partials/team_member_row', {
    member,
    rowError: error,
    ...rowState(ctx),
  })
}

/** A refusal meant for the person: shown in the row, never a blank swap */
function refusalOf(error: unknown): { status: number; message: string } | null {
  if (error instanceof NotFound) return { status: 404, message: error.message }
  if (error instanceof NotAllowed) return { status: 403, message: error.message }
  if (error instanceof Invalid) return { status: 422, message: error.message }
  const fieldErrors = fieldErrorsOf(error)
  if (fieldErrors?.length) return { status: 422, message: fieldErrors[0].message }
  return null
}

export default class MembersController {
  async index(ctx: HttpContext) {
    return renderTeamPage(ctx, EMPTY_FORM)
  }

  async update(ctx: HttpContext) {
    if (isHtmx(ctx)) return this.updateRow(ctx)
    const member = await submitForm(ctx, {
      validator: roleValidator,
      render: (form) => renderTeamPage(ctx, form, ctx.params.id),
      action: ({ role }) =>
        new ChangeMemberRole().handle({
          actor: ctx.membership,
          membershipId: ctx.params.id,
          role,
        }),
    })
    flashMessage(ctx, 'success', roleChangedMessage(ctx, member))
    return ctx.response.redirect().toRoute('members.index')
  }

  /**
   * The role menu's change, sent by htmx: the row again with the saved role
   * and the message as an `HX-Trigger` flash. A refusal answers its 4xx with
   * the row as it was, the message in it (`HX-Reswap` tells /js/flash.js
   * to swap it in), and the same message as an error flash.
   */
  private async updateRow(ctx: HttpContext) {
    try {
      const { role } = await validate(ctx, roleValidator)
      const member = await new ChangeMemberRole().handle({
        actor: ctx.membership,
        membershipId: ctx.params.id,
        role,
      })
      flashMessage(ctx, 'success', roleChangedMessage(ctx, member))
      return renderRow(ctx, member)
    } catch (error) {
      const refusal = refusalOf(error)
      if (!refusal) throw error
      flashMessage(ctx, 'error', refusal.message)
      ctx.response.status(refusal.status)
      const member = refusal.status === 404 ? null : await findMember(ctx.params.id)
      if (!member) {
        ctx.response.header('HX-Reswap', 'none')
        return ctx.view.render('identity/partials/team_refusal', { message: refusal.message })
      }
      ctx.response.header('HX-Reswap', 'outerHTML')
      return renderRow(ctx, member, refusal.message)
    }
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

function roleChangedMessage(ctx: HttpContext, member: Membership) {
  return ctx.i18n.t('identity.team.role_changed', {
    name: member.user.fullName,
    role: ctx.i18n.t(`roles.${member.role}`),
  })
}
