import { createHash } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import { BoundedMap, randomToken } from '#core/mod'
import {
  afterCommit,
  currentStoreSettings,
  currentTenant,
  onceInUnitOfWork,
  type StoreSettings,
  type TenantSnapshot,
} from '#tenancy/mod'
import { pageCache } from '#config/storefront'
import { cartStore } from './cart_store.js'
import { visitorOf } from './cart_visitor.js'

/*
| Rendered browse pages (home, categories, products), kept in Redis and in
| each process. Every key carries the store's page version, a random value
| in Redis that any change to what the pages show replaces once that change
| has committed (`storePagesChanged`); each request reads the version first
| (one round trip), so the very next request after a change, in any
| process, looks up a key nobody has filled yet and renders from the
| committed rows.
| Versions are random, never counters: a version lost with Redis's memory
| never comes back to match an old page.
|
| A kept page holds nothing of one visitor: the cart link's label and the
| CSP nonce are marks replaced on the way out, on every request.
*/

/** Where the cart link's label goes: an HTML comment, which no escaped text can forge */
export const CART_LABEL_MARK = '<!--bazaar:cart-label-->'
/** Stands for the request's CSP nonce in a kept page */
const NONCE_MARK = 'bazaar-csp-nonce-mark'

interface KeptPage extends PageBody {
  expiresAt: number
}

/**
 * A page as it is sent: the HTML before and after the cart link's label,
 * already encoded, so a request copies bytes rather than rebuilding and
 * encoding the whole page as a string.
 */
interface PageBody {
  html: string
  head: Buffer
  tail: Buffer
  /** Of the kept body; the visitor's cart count is added to it on the way out */
  etag: string
  hasNonce: boolean
}

function bodyOf(html: string): PageBody {
  const at = html.indexOf(CART_LABEL_MARK)
  return {
    html,
    head: Buffer.from(at === -1 ? html : html.slice(0, at)),
    tail: Buffer.from(at === -1 ? '' : html.slice(at + CART_LABEL_MARK.length)),
    etag: createHash('sha1').update(html).digest('base64url').slice(0, 20),
    hasNonce: html.includes(NONCE_MARK),
  }
}

/** What a page's render gives: `keep` false for a page not worth a cache entry (an unknown variant asked) */
export interface RenderedPage {
  html: string
  keep: boolean
}

type CacheStatus = 'hit' | 'miss' | 'bypass' | 'off'

const local = new BoundedMap<string, KeptPage>(pageCache.localEntries)
const connection = () => redis.connection('cache')

const versionKey = (tenantId: string) => `storefront:pages:version:${tenantId}`
const pageKey = (tenantId: string, id: string) =>
  `storefront:pages:${tenantId}:${createHash('sha1').update(id).digest('base64url')}`

/**
 * The value offered as a store's first version. Nearly every request finds
 * a version in Redis, so the random value is drawn once it has been used,
 * not for every request.
 */
let unusedVersion = randomToken(12)

/**
 * The store's page version, created when Redis has none (first use, or
 * lost); null when Redis does not answer, and the page is rendered uncached.
 */
async function currentVersion(tenantId: string): Promise<string | null> {
  try {
    const offered = unusedVersion
    const existing = await connection().set(versionKey(tenantId), offered, 'NX', 'GET')
    if (existing !== null) return existing
    // Taken: the next store without a version gets a value of its own
    if (unusedVersion === offered) unusedVersion = randomToken(12)
    return offered
  } catch {
    return null
  }
}

async function replaceVersion(tenantId: string) {
  try {
    // The main connection waits out a blip: a change that fails to move the version would stay unseen
    await redis.set(versionKey(tenantId), randomToken(12))
  } catch (error) {
    logger.error({ err: error, tenantId }, 'storefront page version not replaced: pages may lag')
  }
}

/**
 * The store's kept pages no longer match what it sells: its pages get a new
 * version once the current unit of work commits (before, a request could
 * render the old rows under the new version and keep them), once per unit
 * of work however many changes it made.
 */
export function storePagesChanged(tenantId: string): Promise<void> {
  return onceInUnitOfWork(`storefront:pages-changed:${tenantId}`, () =>
    afterCommit(() => replaceVersion(tenantId))
  )
}

const stamps = new WeakMap<object, string>()

/**
 * What this process's copies of the store and its settings looked like when
 * the page was rendered: they are dropped by their own messages, which may
 * arrive after the version has moved, so a page rendered from an old copy
 * is kept under the old copy's stamp and never served once the copy is new.
 */
function stampOf(value: TenantSnapshot | StoreSettings) {
  let stamp = stamps.get(value)
  if (!stamp) {
    stamp = createHash('sha1').update(JSON.stringify(value)).digest('base64url').slice(0, 12)
    stamps.set(value, stamp)
  }
  return stamp
}

function keep(id: string, html: string): KeptPage {
  const page = { ...bodyOf(html), expiresAt: performance.now() + pageCache.ttlSeconds * 1000 }
  local.set(id, page)
  return page
}

function keptLocally(id: string) {
  const page = local.get(id)
  if (page && page.expiresAt <= performance.now()) {
    local.delete(id)
    return undefined
  }
  return page
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char])

function nonceOf(ctx: HttpContext) {
  return (ctx.response as { nonce?: string }).nonce ?? null
}

/** The kept page made this visitor's: their cart count, this response's nonce, the headers */
async function respond(ctx: HttpContext, page: PageBody, status: CacheStatus | null) {
  const { response, i18n } = ctx
  const count = await cartStore.unitCount(visitorOf(ctx))
  const label = escapeHtml(
    count && count > 0 ? i18n.t('orders.cart.nav_count', { count }) : i18n.t('orders.cart.nav')
  )
  // HTML that may change: a browser may keep it only to ask again, and no shared cache at all
  response.header('Cache-Control', 'private, no-cache')
  if (status && pageCache.exposeStatus) response.header('X-Cache', status)
  if (page.hasNonce) {
    // A kept copy with an old nonce would have its scripts refused: no 304 for such a page
    return page.html.replace(CART_LABEL_MARK, label).replaceAll(NONCE_MARK, nonceOf(ctx) ?? '')
  }
  const etag = `W/"${page.etag}-${count ?? 'x'}"`
  response.header('ETag', etag)
  const asked = ctx.request.header('if-none-match')
  if (asked && asked.split(',').some((tag) => tag.trim() === etag)) {
    response.status(304)
    return ''
  }
  response.header('Content-Type', 'text/html; charset=utf-8')
  return Buffer.concat([page.head, Buffer.from(label), page.tail])
}

async function rendered(ctx: HttpContext, render: () => Promise<RenderedPage>) {
  const page = await render()
  const nonce = nonceOf(ctx)
  const html =
    nonce && page.html.includes(nonce) ? page.html.replaceAll(nonce, NONCE_MARK) : page.html
  return { ...page, html }
}

/**
 * A browse page of the current store, from the cache when its version,
 * language, address and `key` (the path and the query values that change
 * the page) match, else rendered by `render` and kept. Anything a page
 * shows must come from the catalog, the store and its settings, whose
 * changes move the version; never from the visitor (the cart link's label
 * is `CART_LABEL_MARK`, filled in per request). Without Redis the page is
 * rendered every time, never refused.
 */
export async function cachedShopPage(
  ctx: HttpContext,
  key: string,
  render: () => Promise<RenderedPage>
): Promise<string | Buffer> {
  const store = currentTenant()
  const settings = await currentStoreSettings()
  const version = await currentVersion(store.id)
  const bypass = pageCache.bypassHeader && ctx.request.header(pageCache.bypassHeader)
  if (version !== null) versions.set(ctx, version)
  if (version === null || bypass) {
    const { html } = await rendered(ctx, render)
    return respond(ctx, bodyOf(html), version === null ? 'off' : 'bypass')
  }

  const id = [
    version,
    stampOf(store),
    stampOf(settings),
    ctx.i18n.locale,
    ctx.storeMount?.basePath ?? '',
    key,
  ].join(' ')
  const kept = keptLocally(id)
  if (kept) return respond(ctx, kept, 'hit')

  const stored = await connection()
    .get(pageKey(store.id, id))
    .catch(() => null)
  if (stored) return respond(ctx, keep(id, stored), 'hit')

  const page = await rendered(ctx, render)
  if (!page.keep) return respond(ctx, bodyOf(page.html), 'miss')
  // Not awaited: this visitor has their page; the next ones find it in this process meanwhile
  connection()
    .set(pageKey(store.id, id), page.html, 'EX', pageCache.ttlSeconds)
    .catch(() => {})
  return respond(ctx, keep(id, page.html), 'miss')
}

const versions = new WeakMap<HttpContext, string>()
const keptValues = new BoundedMap<string, unknown>(pageCache.localEntries)

/**
 * What many of the store's pages read alike (its category tree), read once
 * per page version in this process while a kept page is rendered: a change
 * to it moves the version like any other. Outside `cachedShopPage` (search,
 * Redis away) it is read every time.
 */
export async function keptForPages<T>(ctx: HttpContext, name: string, load: () => Promise<T>) {
  const version = versions.get(ctx)
  if (!version) return load()
  const key = `${currentTenant().id} ${version} ${name}`
  const kept = keptValues.get(key) as T | undefined
  if (kept !== undefined) return kept
  const value = await load()
  keptValues.set(key, value)
  return value
}

/** A browse page that is never kept (search results), with the visitor's cart link filled in */
export async function uncachedShopPage(ctx: HttpContext, render: () => Promise<string>) {
  return respond(ctx, bodyOf(await render()), null)
}
