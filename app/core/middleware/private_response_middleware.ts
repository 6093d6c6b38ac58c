import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Pages behind a session carry a CSRF token and a person's data, and some
 * show a secret once (a new API token): no browser or proxy may keep a copy.
 */
export function keepOutOfCaches(response: HttpContext['response']) {
  response.header('Cache-Control', 'no-store')
}

export default class PrivateResponseMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    keepOutOfCaches(ctx.response)
    return next()
  }
}
