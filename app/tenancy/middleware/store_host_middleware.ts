import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { appHost } from '#config/app'
import { storePathOnPlatform } from '#core/mod'
import { isIP } from 'node:net'
import { tenantDirectory } from '../services/tenant_directory.js'
import { StoreNotFound } from '../errors.js'

const APP_HOST = appHost
const SUBDOMAIN_SUFFIX = `.${APP_HOST}`

function storeForHost(hostname: string) {
  if (hostname.endsWith(SUBDOMAIN_SUFFIX)) {
    return tenantDirectory.findBySlug(hostname.slice(0, -SUBDOMAIN_SUFFIX.length))
  }
  return tenantDirectory.findByCustomDomain(hostname)
}

/**
 * A store answers on `<slug>.<APP_HOST>` and on its custom domain with the
 * same routes it has under `/s/<slug>`: the request is mounted onto that
 * path before routing, so the storefront is defined once.
 */
export default class StoreHostMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const hostname = (ctx.request.hostname() ?? '').toLowerCase()
    if (!hostname || hostname === APP_HOST || isIP(hostname)) {
      return next()
    }

    const store = await storeForHost(hostname)
    if (!store) {
      throw new StoreNotFound()
    }

    const path = ctx.request.parsedUrl.pathname ?? '/'
    ctx.request.parsedUrl.pathname = storePathOnPlatform(store.slug, path)
    ctx.storeMount = { store, basePath: '' }
    return next()
  }
}
