import env from '#start/env'
import app from '@adonisjs/core/services/app'

const benchBypass = env.get('BENCH_PAGE_CACHE_BYPASS') === true

/**
 * The storefront's cache of rendered pages (home, categories, products).
 * A page is kept in Redis and in each process under the store's current
 * page version, so a change anywhere is seen by the very next request.
 */
export const pageCache = {
  /** A kept page outlives no change (the version moves), only this long without one */
  ttlSeconds: 600,
  /** Pages this process keeps at most (a page weighs 10–40 kB) */
  localEntries: 1_000,
  /**
   * The request header that renders a page uncached, for the benchmark's
   * server only: anywhere else it is ignored, so nobody outside can make
   * every request a render.
   */
  bypassHeader: benchBypass ? 'x-bench-page-cache' : null,
  /**
   * `X-Cache: hit|miss` tells whether someone else saw the same page lately
   * (a hint of another shopper's visit), so production does not send it.
   */
  exposeStatus: !app.inProduction || benchBypass,
}
