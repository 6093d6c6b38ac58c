import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import logger from '@adonisjs/core/services/logger'
import { appHost } from '#config/app'
import { clock } from '#core/mod'
import { visitorOf } from '../services/cart_visitor.js'
import { deviceClassOf, isRobot, referrerHostOf, touchOf, utmOf } from '../services/visits_rules.js'
import {
  enqueueVisit,
  redisReady,
  saltOf,
  utcDay,
  visitorHashOf,
  type VisitRecord,
} from '../services/visits_store.js'

/**
 * The storefront pages a shopper reads. Order confirmations are left out
 * (their address is the shopper's key to the order), and so are the 404,
 * the feeds for crawlers and everything that is not a page.
 */
export const TRACKED_ROUTES = new Set([
  'storefront.home',
  'storefront.categories.show',
  'storefront.products.show',
  'storefront.search.show',
  'storefront.cart.show',
  'storefront.checkout.show',
])

let recording = true

function notRecorded(error: unknown) {
  logger.warn({ err: error }, 'a storefront visit was not recorded')
}

/** Benchmarks compare a page with recording on and off in one process */
export function recordVisits(on: boolean) {
  recording = on
}

/**
 * Records a storefront page view after the page is rendered: one RPUSH of
 * a compact record, sent after the response and never waited for (the
 * flush job writes PostgreSQL). Robots,
 * htmx fragments and prefetches are not views; with Redis away the view is
 * dropped and the page is served as ever. No cookie is set: a shopper with
 * a cart is known by its cookie, anyone else by the day's keyed hash of
 * their address (the client address the trusted-proxy setting vouches for).
 */
export default class RecordVisitMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await next()
    if (!recording || !this.#isPageView(ctx)) return
    try {
      const record = await this.#recordOf(ctx)
      // sent once the page is on its way, and never waited for: writing to
      // the socket costs more than building the record (measured: README)
      setImmediate(() => enqueueVisit(record).catch(notRecorded))
    } catch (error) {
      notRecorded(error)
    }
  }

  #isPageView(ctx: HttpContext) {
    const { request, response } = ctx
    return (
      request.method() === 'GET' &&
      TRACKED_ROUTES.has(ctx.route?.name ?? '') &&
      !!ctx.storeMount &&
      response.getStatus() === 200 &&
      !request.header('hx-request') &&
      !/prefetch|prerender/i.test(
        request.header('sec-purpose') ?? request.header('purpose') ?? ''
      ) &&
      !isRobot(request.header('user-agent')) &&
      redisReady()
    )
  }

  async #recordOf(ctx: HttpContext): Promise<VisitRecord> {
    const { request } = ctx
    const { store, basePath } = ctx.storeMount!
    const userAgent = request.header('user-agent') ?? ''
    const utm = utmOf(request.qs())
    const referrerHost = referrerHostOf(request.header('referer'))
    const ownHost =
      request
        .hostname()
        ?.toLowerCase()
        .replace(/^www\./, '') ?? ''
    const mountedAt = basePath || `/s/${store.slug}`
    const path = request.url().startsWith(mountedAt)
      ? request.url().slice(mountedAt.length) || '/'
      : request.url()
    return {
      id: randomUUID(),
      tenantId: store.id,
      at: clock.now().toUTC().toISO()!,
      path: path.slice(0, 300),
      touch: touchOf({
        utm,
        referrerHost,
        ownHosts: [ownHost, appHost],
        sameOrigin: request.header('sec-fetch-site') === 'same-origin',
      }),
      utm,
      referrerHost,
      device: deviceClassOf(userAgent),
      visitorId: visitorOf(ctx),
      visitorHash: visitorHashOf(await saltOf(utcDay()), request.ip(), userAgent),
    }
  }
}
