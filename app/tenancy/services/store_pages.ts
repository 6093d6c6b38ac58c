import { localTenantCache } from './local_tenant_cache.js'
import { pagesKey } from './tenant_directory.js'
import { currentTenant } from './tenant_context.js'

/**
 * A store's kept pages differ by path, language and address; a store's
 * share stays small whatever the visitors ask for, and the directory's own
 * bound limits how many stores are kept
 */
const MAX_PAGES_PER_STORE = 8

/**
 * A page of the current store rendered once and kept in this process, for
 * pages that depend on nothing but the store, its settings and `key` (say
 * the path, the language and the address it is served under; never a
 * visitor's session). Kept as long as the tenant directory keeps the store
 * (at most a few seconds) and dropped with it, in every process, the moment
 * the store or its settings change.
 */
export async function keptStorePage(key: string, render: () => Promise<string>) {
  const cacheKey = pagesKey(currentTenant().id)
  const generation = localTenantCache.generation
  const pages = localTenantCache.get(cacheKey)?.value as Map<string, string> | undefined
  const kept = pages?.get(key)
  if (kept !== undefined) return kept

  const html = await render()
  if (pages) {
    if (pages.size < MAX_PAGES_PER_STORE) pages.set(key, html)
  } else {
    localTenantCache.set(cacheKey, new Map([[key, html]]), generation)
  }
  return html
}
