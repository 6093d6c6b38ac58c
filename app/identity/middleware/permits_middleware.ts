import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Permission } from '../roles.js'

/**
 * Route guard for one cell row of the role matrix, after `dashboard`.
 */
export default class PermitsMiddleware {
  async handle(ctx: HttpContext, next: NextFn, permission: Permission) {
    await ctx.bouncer.authorize(permission)
    return next()
  }
}
