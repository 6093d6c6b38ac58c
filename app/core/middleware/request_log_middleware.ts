import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * The path as logged: the route's pattern when one matched, so a token in
 * the path (a magic link, an invitation) never reaches the log.
 */
export function pathForLog(route: { pattern: string } | null | undefined, path: string) {
  return route?.pattern ?? path
}

/**
 * One structured line per request, carrying the request id that every other
 * log line of the request (through `ctx.logger`) also carries.
 */
export default class RequestLogMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const startedAt = process.hrtime.bigint()
    const requestId = ctx.request.id()
    if (requestId) ctx.response.header('X-Request-Id', requestId)
    try {
      await next()
    } finally {
      ctx.logger.info(
        {
          method: ctx.request.method(),
          url: pathForLog(ctx.route, ctx.request.url()),
          host: ctx.request.hostname(),
          status: ctx.response.getStatus(),
          ms: Number(process.hrtime.bigint() - startedAt) / 1e6,
        },
        'request'
      )
    }
  }
}
