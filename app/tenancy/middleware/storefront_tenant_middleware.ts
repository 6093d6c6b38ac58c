import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { shareWithTemplates, storePathOnPlatform, storePathUnder } from '#core/mod'
import { tenantDirectory } from '../services/tenant_directory.js'
import { withTenantOnDemand } from '../services/tenant_context.js'
import { storeLogo } from '../services/store_settings.js'
import { StoreNotFound, StoreUnavailable } from '../errors.js'

/**
 * Storefront routes run as the store named by the host or by `/s/:store`.
 * The tenant's unit of work opens only when a page reads from the database
 * (`inUnitOfWork`), so a page served from this process's copies costs no
 * round trip to PostgreSQL.
 */
export default class StorefrontTenantMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const slug = String(ctx.params.store ?? '').toLowerCase()
    const mounted = ctx.storeMount?.store.slug === slug ? ctx.storeMount : null
    const store = mounted?.store ?? (await tenantDirectory.findBySlug(slug))
    if (!store) throw new StoreNotFound()

    const basePath = mounted ? mounted.basePath : storePathOnPlatform(store.slug)
    ctx.storeMount = { store, basePath }
    shareWithTemplates(ctx, {
      store,
      storePath: (path = '/') => storePathUnder(basePath, path),
      // Read by the layout while the page renders, inside the store's unit of work
      storeLogo,
    })
    if (store.status === 'suspended') throw new StoreUnavailable()

    ctx.switchLocale(store.defaultLocale)
    return withTenantOnDemand(store, () => next())
  }
}
