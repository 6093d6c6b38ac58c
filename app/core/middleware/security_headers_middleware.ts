import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { cspFactory, frameGuardFactory, hstsFactory, noSniffFactory } from '@adonisjs/shield/guards'
import shieldConfig from '#config/shield'

/**
 * The policy as one header value when no directive changes per request
 * (none asks for `@nonce`): written once at boot instead of shield building
 * it, with a nonce nobody reads, on every response.
 */
function fixedPolicy(csp: typeof shieldConfig.csp) {
  if (!csp?.enabled || csp.reportOnly || !csp.directives) return null
  const directives: string[] = []
  for (const [name, values] of Object.entries(csp.directives)) {
    const list = Array.isArray(values) ? values : [values]
    if (!list.every((value) => typeof value === 'string' && value !== '@nonce')) return null
    const directive = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
    directives.push([directive, ...list].join(' '))
  }
  return directives.join(';')
}

const POLICY = fixedPolicy(shieldConfig.csp)

const guards = [
  POLICY
    ? ({ response }: HttpContext) => response.header('Content-Security-Policy', POLICY)
    : cspFactory(shieldConfig.csp ?? {}),
  frameGuardFactory(shieldConfig.xFrame ?? {}),
  hstsFactory(shieldConfig.hsts ?? {}),
  noSniffFactory(shieldConfig.contentTypeSniffing ?? {}),
]

/**
 * `no-referrer`: mailed links carry their token in the path (magic links,
 * invitations, address confirmations), and any referrer sent from such a
 * page, even to our own origin (its stylesheet, the button's POST), lands
 * in proxy and CDN access logs. Nothing here reads the `Referer` header.
 */
const REFERRER_POLICY = 'no-referrer'

/**
 * No page uses these powers; denying them means injected or third-party
 * code cannot either. Checkout will need `payment=(self …)` for its
 * processor, granted then and no wider.
 */
const PERMISSIONS_POLICY = [
  'accelerometer',
  'browsing-topics',
  'camera',
  'geolocation',
  'gyroscope',
  'hid',
  'interest-cohort',
  'magnetometer',
  'microphone',
  'payment',
  'serial',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ')

/**
 * Shield's header guards and the two policies above on every response:
 * storefront, API, error pages, and static files (this runs before the
 * static middleware, which copies the headers set so far). CSRF, which
 * needs a session, runs only on the platform's own pages (`web`
 * middleware), so an anonymous storefront visit or an API call creates no
 * session.
 */
export default class SecurityHeadersMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    for (const guard of guards) await guard(ctx)
    ctx.response.header('Referrer-Policy', REFERRER_POLICY)
    ctx.response.header('Permissions-Policy', PERMISSIONS_POLICY)
    return next()
  }
}
