import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { NotFound, shareWithTemplates } from '#core/mod'

/**
 * /admin exists only for platform admins; to anyone else it is not there.
 */
export default class PlatformAdminMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await ctx.auth.authenticateUsing(['web'])
    if (!ctx.auth.user?.isPlatformAdmin) throw new NotFound(ctx.i18n.t('errors.not_found'))
    shareWithTemplates(ctx, { currentUser: ctx.auth.user })
    return next()
  }
}
