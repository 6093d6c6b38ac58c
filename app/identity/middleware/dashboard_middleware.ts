import { Bouncer } from '@adonisjs/bouncer'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { withTenant } from '#tenancy/mod'
import Membership from '../models/membership.js'
import { bouncerAbilities } from '../roles.js'
import { storesOf } from '../services/user_stores.js'
import { requireSignedIn } from '../services/web_sessions.js'
import { refuseWritesWhileSuspended } from '../services/suspension.js'

const CURRENT_STORE_KEY = 'currentTenantId'

export function rememberCurrentStore(ctx: HttpContext, tenantId: string) {
  ctx.session.put(CURRENT_STORE_KEY, tenantId)
}

/**
 * The dashboard acts on the signed-in member's current store, kept in the
 * session, never on a tenant id from the URL or a form. The request runs as
 * that tenant, with a Bouncer whose actor is the membership.
 */
export default class DashboardMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = await requireSignedIn(ctx)

    const stores = await storesOf(user.id)
    const wanted = ctx.session.get(CURRENT_STORE_KEY)
    const current = stores.find((store) => store.tenantId === wanted) ?? stores[0]
    if (!current) {
      return ctx.response.redirect().toRoute('stores.create')
    }
    const tenant = current
    if (current.tenantId !== wanted) rememberCurrentStore(ctx, current.tenantId)

    return withTenant(tenant, async () => {
      const membership = await Membership.findByOrFail('userId', user.id)
      ctx.membership = membership
      ctx.bouncer = new Bouncer(() => membership, bouncerAbilities())
      ctx.view.share({
        currentUser: user,
        currentStore: tenant,
        membership,
        stores,
        ...ctx.bouncer.edgeHelpers,
      })

      refuseWritesWhileSuspended(tenant, ctx.request.method())
      return next()
    })
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    membership: Membership
    bouncer: Bouncer<Membership, ReturnType<typeof bouncerAbilities>>
  }
}
