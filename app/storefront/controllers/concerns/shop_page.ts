import type { HttpContext } from '@adonisjs/core/http'
import { NotFound } from '#core/mod'
import { currentStoreSettings, type TenantSnapshot } from '#tenancy/mod'
import { shopCategories, type ShopCategory } from '#catalog/mod'
import { shopLinks } from '../../services/seo.js'
import { CART_LABEL_MARK, keptForPages } from '../../services/page_cache.js'

/** Longer than any product's or category's slug */
const MAX_SLUG_LENGTH = 200

/** Top-level categories shown in the store's header, after Home */
const CATEGORIES_IN_MENU = 4

/**
 * A page of the store that is not there (an unknown, draft or archived
 * product, an unknown category): the storefront's own 404, in the store's look.
 */
export class ShopPageNotFound extends NotFound {
  page = 'storefront/not_found'
}

/** The store the request runs as, and the paths of its pages under the address asked */
export function shopOf(ctx: HttpContext): {
  store: TenantSnapshot
  links: ReturnType<typeof shopLinks>
} {
  const mount = ctx.storeMount!
  return { store: mount.store, links: shopLinks(mount.basePath) }
}

/**
 * The `:slug` of the URL as the catalog stores it: the router leaves it
 * percent-encoded (an Arabic slug arrives as `%D9%82…`). Null for what no
 * slug can be: broken percent-encoding, a NUL, or longer than any slug.
 */
export function slugParam(ctx: HttpContext): string | null {
  try {
    const slug = decodeURIComponent(String(ctx.params.slug ?? ''))
    return slug.includes('\u0000') || slug.length > MAX_SLUG_LENGTH ? null : slug
  } catch {
    return null
  }
}

/** A page number from the query string: plain digits from 1, else 1 */
export function pageNumber(value: unknown) {
  const text = Array.isArray(value) ? value[0] : value
  if (typeof text !== 'string' || !/^\d{1,6}$/.test(text)) return 1
  return Math.max(1, Number(text))
}

/**
 * What every browse page shows around its content: the store's look, and
 * its menu (Home, the first top-level categories, Search, the cart). `categories` is
 * the tree when the page read it already.
 */
export async function shopChrome(ctx: HttpContext, categories?: ShopCategory[]) {
  const { links } = shopOf(ctx)
  const settings = await currentStoreSettings()
  const tree = categories ?? (await keptForPages(ctx, 'categories', shopCategories))
  const t = (key: string) => ctx.i18n.t(key)
  const navigation = [
    { key: 'home', label: t('storefront.nav_home'), href: links.home() },
    ...tree
      .filter((category) => category.depth === 0)
      .slice(0, CATEGORIES_IN_MENU)
      .map((category) => ({
        key: `category:${category.slug}`,
        label: category.name,
        href: links.category(category.slug),
      })),
    { key: 'search', label: t('storefront.nav_search'), href: links.search() },
    // The visitor's own count goes in on the way out: these pages are kept for everyone
    { key: 'cart', label: t('orders.cart.nav'), href: links.cart(), mark: CART_LABEL_MARK },
  ]
  return { settings, categories: tree, navigation, links }
}
