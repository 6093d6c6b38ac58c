import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { cspFactory, frameGuardFactory, hstsFactory, noSniffFactory } from '@adonisjs/shield/guards'
import shieldConfig from '#config/shield'

const guards = [
  cspFactory(shieldConfig.csp ?? {}),
  frameGuardFactory(shieldConfig.xFrame ?? {}),
  hstsFactory(shieldConfig.hsts ?? {}),
  noSniffFactory(shieldConfig.contentTypeSniffing ?? {}),
]

/**
 * Shield's header guards on every response, storefront and error pages
 * included. CSRF, which needs a session, runs only on the platform's own
 * pages (`web` middleware), so an anonymous storefront visit or an API call
 * creates no session.
 */
export default class SecurityHeadersMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    for (const guard of guards) await guard(ctx)
    return next()
  }
}
