import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { NotAllowed } from '#core/mod'
import { say } from '../orders_messages.js'

/**
 * Storefront pages run without a session, so the shopper's writes (cart,
 * checkout, lookup) are guarded by what the browser says about where the
 * form came from: a request from another site, or from another store on a
 * sibling subdomain (`Sec-Fetch-Site: same-site`), is refused. A browser
 * that sends no `Sec-Fetch-Site` is held to its Origin, when it names one
 * (our pages send no referrer, so a same-origin form's Origin is "null").
 * Clients that send neither rely on the cart cookie being SameSite=Lax.
 */
export async function sameSiteOnly(ctx: HttpContext, next: NextFn) {
  const site = ctx.request.header('sec-fetch-site')
  if (site) {
    if (site !== 'same-origin' && site !== 'none') throw new NotAllowed(say('cross_site'))
    return next()
  }
  const origin = ctx.request.header('origin')
  if (origin && origin !== 'null') {
    let host: string | null = null
    try {
      host = new URL(origin).host
    } catch {}
    if (host !== ctx.request.header('host')) throw new NotAllowed(say('cross_site'))
  }
  return next()
}
