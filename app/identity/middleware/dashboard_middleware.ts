import { Bouncer } from '@adonisjs/bouncer'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { asUserInTenant, tenantDirectory } from '#tenancy/mod'
import { shareWithTemplates } from '#core/mod'
import Membership from '../models/membership.js'
import { bouncerAbilities } from '../roles.js'
import type User from '../models/user.js'
import { membershipsOfUserInThisUnit, storesOf, type UserStore } from '../services/user_stores.js'
import { requireSignedIn } from '../services/web_sessions.js'
import { refuseWritesWhileSuspended } from '../services/suspension.js'

const CURRENT_STORE_KEY = 'currentTenantId'

export function rememberCurrentStore(ctx: HttpContext, tenantId: string) {
  ctx.session.put(CURRENT_STORE_KEY, tenantId)
}

/** The unit of work opened for the remembered store turned out not to be the user's */
const NOT_A_MEMBER = Symbol('notAMember')

/**
 * The dashboard acts on the signed-in member's current store, kept in the
 * session, never on a tenant id from the URL or a form. The request runs as
 * that tenant and as the user (row-level security adds only the user's own
 * memberships elsewhere, read-only), with a Bouncer whose actor is the
 * membership. The usual case, a remembered store the user still belongs
 * to, is one unit of work that reads the user's stores and then serves the
 * page; otherwise the stores are read first and the request runs as the
 * first of them.
 */
export default class DashboardMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = await requireSignedIn(ctx)

    const wanted = ctx.session.get(CURRENT_STORE_KEY)
    const remembered = typeof wanted === 'string' ? await tenantDirectory.findById(wanted) : null
    if (remembered) {
      const served = await asUserInTenant(remembered, user.id, async () => {
        const { stores, memberships } = await membershipsOfUserInThisUnit(user.id)
        const current = stores.find((store) => store.tenantId === remembered.id)
        if (!current) return NOT_A_MEMBER
        return this.#serve(ctx, next, user, current, stores, memberships.get(current.tenantId))
      })
      if (served !== NOT_A_MEMBER) return served
    }

    const stores = await storesOf(user.id)
    const current = stores[0]
    if (!current) {
      return ctx.response.redirect().toRoute('stores.create')
    }
    rememberCurrentStore(ctx, current.tenantId)
    return asUserInTenant(current, user.id, () => this.#serve(ctx, next, user, current, stores))
  }

  async #serve(
    ctx: HttpContext,
    next: NextFn,
    user: User,
    tenant: UserStore,
    stores: UserStore[],
    alreadyRead?: Membership
  ) {
    const membership = alreadyRead ?? (await Membership.findByOrFail('userId', user.id))
    ctx.membership = membership
    ctx.bouncer = new Bouncer(() => membership, bouncerAbilities())
    shareWithTemplates(ctx, {
      currentUser: user,
      currentStore: tenant,
      membership,
      stores,
      ...ctx.bouncer.edgeHelpers,
    })

    refuseWritesWhileSuspended(tenant, ctx.request.method())
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    membership: Membership
    bouncer: Bouncer<Membership, ReturnType<typeof bouncerAbilities>>
  }
}
