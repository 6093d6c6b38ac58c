import { money, storePathUnder, storeUrl, toDecimalString } from '#core/mod'
import type { ShopProduct, ShopVariant } from '#catalog/mod'

/*
| What search engines and link previews read from a store's pages: the
| links between its pages, each page's canonical address and Open Graph
| tags, a product's JSON-LD, the sitemap and robots.txt. Pure functions of
| plain values: the controllers hand them what they read.
*/

interface Store {
  name: string
  slug: string
  customDomain: string | null
}

const segment = (slug: string) => encodeURIComponent(slug)

/**
 * The store's pages as paths under `basePath` (the mount: '' on the store's
 * own host, `/s/<slug>` on the platform's), as `storePath` builds them.
 */
export function shopLinks(basePath: string) {
  const at = (path: string) => storePathUnder(basePath, path)
  return {
    home: () => at('/'),
    category: (slug: string) => at(`/categories/${segment(slug)}`),
    product: (slug: string, variantId?: string) =>
      at(`/products/${segment(slug)}${variantId ? `?variant=${segment(variantId)}` : ''}`),
    search: () => at('/search'),
    cart: () => at('/cart'),
    cartItems: () => at('/cart/items'),
  }
}

export type ShopLinks = ReturnType<typeof shopLinks>

/** Paths of the store's pages on its own host, for canonical addresses and the sitemap */
export const canonicalPaths = shopLinks('')

const OG_LOCALES: Record<string, string> = { en: 'en_US', ar: 'ar_AR' }
const LANGUAGES = ['en', 'ar']

export interface PageMeta {
  title: string
  description: string
  canonical: string
  alternates: { lang: string; href: string }[]
  ogType: 'website' | 'product'
  ogLocale: string
  siteName: string
  /** Pages that should not be listed by search engines (search results) */
  noindex: boolean
}

/** One line of at most `max` characters, for a meta description */
export function summary(text: string, max = 160) {
  const line = text.replace(/\s+/g, ' ').trim()
  const chars = [...line]
  if (chars.length <= max) return line
  const cut = chars.slice(0, max - 1).join('')
  const atWord = cut.replace(/\s+\S*$/, '')
  return `${atWord.length > max / 2 ? atWord : cut}…`
}

/**
 * A page's title, description and addresses: the canonical one on the
 * store's own host (its custom domain when it has one), whichever address
 * the page was asked on, and one per language.
 */
export function pageMeta(options: {
  store: Store
  path: string
  title: string
  description: string
  locale: string
  ogType?: 'website' | 'product'
  noindex?: boolean
}): PageMeta {
  const canonical = storeUrl(options.store, options.path)
  const separator = canonical.includes('?') ? '&' : '?'
  return {
    title: options.title,
    description: summary(options.description),
    canonical,
    alternates: LANGUAGES.map((lang) => ({ lang, href: `${canonical}${separator}lang=${lang}` })),
    ogType: options.ogType ?? 'website',
    ogLocale: OG_LOCALES[options.locale] ?? OG_LOCALES.en,
    siteName: options.store.name,
    noindex: options.noindex ?? false,
  }
}

/**
 * JSON that can sit inside a <script> element: `<`, `>` and `&` are
 * escaped, so no text of the merchant's can close the element.
 */
export function scriptJson(value: unknown) {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** A JSON-LD block for a page's head (the tag is written here: formatters rewrite a template's) */
export function jsonLdScript(value: unknown) {
  return `<script type="application/ld+json">${scriptJson(value)}</script>`
}

const AVAILABILITY = {
  inStock: 'https://schema.org/InStock',
  outOfStock: 'https://schema.org/OutOfStock',
}

/**
 * schema.org's Product for a product page, with one Offer per variant
 * (prices as exact decimal strings in the product's currency). `variant` is
 * the one shown: its SKU is the product's.
 */
export function productJsonLd(
  product: ShopProduct,
  variant: ShopVariant,
  store: Store,
  canonical: string
) {
  const offer = (item: ShopVariant) => ({
    '@type': 'Offer',
    'url': storeUrl(store, canonicalPaths.product(product.slug, item.id)),
    ...(item.sku ? { sku: item.sku } : {}),
    'price': toDecimalString(money(item.price, product.currency)),
    'priceCurrency': product.currency,
    'availability': item.available ? AVAILABILITY.inStock : AVAILABILITY.outOfStock,
  })
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    'name': product.title,
    ...(variant.sku ? { sku: variant.sku } : {}),
    ...(product.description ? { description: summary(product.description, 500) } : {}),
    ...(product.category ? { category: product.category.name } : {}),
    'url': canonical,
    'brand': { '@type': 'Brand', 'name': store.name },
    'offers': product.variants.length === 1 ? offer(variant) : product.variants.map(offer),
  }
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

function xml(text: string) {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char])
}

export interface SitemapUrl {
  loc: string
  lastmod?: Date
}

/** A sitemap (sitemaps.org 0.9) of absolute URLs */
export function sitemapXml(urls: SitemapUrl[]) {
  const lines = urls.map(
    (url) =>
      `  <url><loc>${xml(url.loc)}</loc>${url.lastmod ? `<lastmod>${url.lastmod.toISOString()}</lastmod>` : ''}</url>`
  )
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...lines,
    '</urlset>',
    '',
  ].join('\n')
}

/**
 * Crawlers may read every page but search results and the shopper's own
 * pages (cart, checkout, orders), and find the sitemap.
 */
export function robotsTxt(sitemapUrl: string) {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /search',
    'Disallow: /cart',
    'Disallow: /checkout',
    'Disallow: /orders',
    '',
    `Sitemap: ${sitemapUrl}`,
    '',
  ].join('\n')
}
