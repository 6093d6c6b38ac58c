import { clock, paginate, parseListQuery, sha256, type ListQuery } from '#core/mod'
import { currentTenant, onceInUnitOfWork, tenantDirectory } from '#tenancy/mod'
import { ROLES } from '../roles.js'
import Membership from '../models/membership.js'
import Invitation from '../models/invitation.js'
import User from '../models/user.js'

/** How many members the current store has (asked once per unit of work) */
export function countMembers(): Promise<number> {
  return onceInUnitOfWork('identity.memberCount', async () => {
    const [row] = await Membership.query().count('* as total')
    return Number(row.$extras.total)
  })
}

export const MEMBER_SORTS = ['name', 'email', 'role', 'joined'] as const
export type MemberSort = (typeof MEMBER_SORTS)[number]
export type MemberFilter = 'role' | 'q'
export type MemberListQuery = ListQuery<MemberSort, MemberFilter>
export const MEMBER_LIST_DEFAULTS = { sort: 'name', dir: 'asc', perPage: 20 } as const

/** The team page's `?sort&dir&page&perPage&role&q`, bad values replaced by the defaults */
export function parseMemberListQuery(qs: Record<string, unknown>): MemberListQuery {
  return parseListQuery(qs, {
    sorts: MEMBER_SORTS,
    defaultSort: MEMBER_LIST_DEFAULTS.sort,
    defaultDir: MEMBER_LIST_DEFAULTS.dir,
    perPage: MEMBER_LIST_DEFAULTS.perPage,
    filters: { role: ROLES, q: { maxLength: 100 } },
  })
}

/** `%`, `_` and `\` taken literally in a LIKE pattern */
function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

/** Highest role first, as the role menu lists them */
const ROLE_ORDER = `CASE memberships.role ${ROLES.map((role, index) => `WHEN '${role}' THEN ${index}`).join(' ')} ELSE ${ROLES.length} END`

/**
 * One page of the current store's members with their accounts, filtered by
 * role and by a text found in the name or address, in the order asked for
 * (ties broken by when they joined, then id), and where that page is.
 */
export async function listMembersPage(list: MemberListQuery) {
  const filtered = () => {
    const query = Membership.query().join('users', 'users.id', 'memberships.user_id')
    if (list.filters.role) query.where('memberships.role', list.filters.role)
    if (list.filters.q) {
      const pattern = likePattern(list.filters.q)
      query.where((match) =>
        match.whereILike('users.full_name', pattern).orWhereILike('users.email', pattern)
      )
    }
    return query
  }
  const counted = await filtered().count('* as total')
  const pagination = paginate(list, Number(counted[0]?.$extras.total ?? 0))

  const dir = list.dir === 'desc' ? 'desc' : 'asc'
  const query = filtered().select('memberships.*').preload('user')
  if (list.sort === 'name') query.orderByRaw(`lower(users.full_name) ${dir}`)
  if (list.sort === 'email') query.orderByRaw(`lower(users.email) ${dir}`)
  if (list.sort === 'role') query.orderByRaw(`${ROLE_ORDER} ${dir}`)
  query.orderBy('memberships.created_at', list.sort === 'joined' ? dir : 'asc')
  query.orderBy('memberships.id', 'asc')
  const members = await query.offset(pagination.offset).limit(pagination.perPage)
  return { members, pagination }
}

/** One member of the current store with their account, or null */
export function findMember(id: string) {
  return Membership.query().where('id', id).preload('user').first()
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
