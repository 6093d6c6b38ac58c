import { randomUUID } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { http } from '#config/app'

const REQUEST_ID_HEADER = 'x-request-id'

/**
 * A request's id: the one a trusted proxy sent (so its logs and ours line
 * up), otherwise a fresh one. A client must not choose the id our log lines
 * carry.
 */
export function requestIdFor(peerAddress: string | undefined, sent: string | undefined) {
  const fromTrustedProxy =
    !!peerAddress && typeof http.trustProxy === 'function' && http.trustProxy(peerAddress, 0)
  return fromTrustedProxy && sent ? sent : randomUUID()
}

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
    const requestId = requestIdFor(
      ctx.request.request.socket.remoteAddress,
      ctx.request.header(REQUEST_ID_HEADER)
    )
    ctx.request.request.headers[REQUEST_ID_HEADER] = requestId
    ctx.logger = logger.child({ request_id: requestId })
    ctx.response.header('X-Request-Id', requestId)
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
