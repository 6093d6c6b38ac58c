import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'
import { followedBy, type NamedMiddleware } from '#core/mod'
import { modules } from './modules.js'

const [errorHandler, ...more] = modules.flatMap((module) =>
  module.errorHandler ? [module.errorHandler] : []
)
if (!errorHandler || more.length > 0) throw new Error('Exactly one module handles errors')
server.errorHandler(errorHandler)

server.use(modules.flatMap((module) => module.serverMiddleware ?? []))

router.use(modules.flatMap((module) => module.routerMiddleware ?? []))

const named = Object.assign({}, ...modules.map((module) => module.middleware ?? {}))

/**
 * The named middleware that open a store's context; every module's
 * `tenantMiddleware` runs behind them (billing's write gate).
 */
const OPENS_STORE_CONTEXT = ['dashboard', 'apiToken']
const tenantMiddleware = modules.flatMap((module) => module.tenantMiddleware ?? [])
for (const name of OPENS_STORE_CONTEXT) {
  if (named[name]) named[name] = followedBy(named[name], tenantMiddleware)
}

export const middleware: NamedMiddleware = router.named(named)

/**
 * What the platform's own pages need: kept out of caches, a session, CSRF
 * protection and the signed-in user. Storefront pages, the JSON API and
 * health checks go without, so they set no cookie.
 */
export function web() {
  return [
    middleware.privateResponse(),
    middleware.session(),
    middleware.csrf(),
    middleware.initializeAuth(),
  ]
}
