import router from '@adonisjs/core/services/router'
import { appHost, appUrl } from '#config/app'

type RouteParams = Record<string, string | number> | (string | number)[]

/**
 * An absolute URL on the platform's own host, for mails and printed links.
 * Pages use relative URLs from `route()` instead.
 */
export function platformUrl(routeName: string, params?: RouteParams) {
  return `${appUrl}${router.makeUrl(routeName, params)}`
}

/**
 * A store's public address: its custom domain when it has one, otherwise
 * `<slug>.<platform host>` with the platform's scheme and port.
 */
export function storeUrl(store: { slug: string; customDomain: string | null }, path = '/') {
  const base = new URL(appUrl)
  base.hostname = store.customDomain ?? `${store.slug}.${appHost}`
  return new URL(path, base).toString()
}

/**
 * Where a store's pages live on the platform's own host (`/s/<slug>`), for
 * environments without wildcard DNS; a store's host is mounted onto it.
 */
export function storePathOnPlatform(slug: string, path = '/') {
  return `/s/${slug}${path === '/' ? '' : path}`
}

/**
 * A store page's path under the store's mount (`basePath`: '' on its own
 * host, `/s/<slug>` on the platform's): the home page is the mount itself.
 */
export function storePathUnder(basePath: string, path = '/') {
  return `${basePath}${path === '/' && basePath ? '' : path}` || '/'
}
