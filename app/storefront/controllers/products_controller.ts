import type { HttpContext } from '@adonisjs/core/http'
import { wantsFragment } from '#core/mod'
import { shopProduct, type ShopProduct, type ShopVariant } from '#catalog/mod'
import { canonicalPaths, jsonLdScript, pageMeta, productJsonLd } from '../services/seo.js'
import { cachedShopPage } from '../services/page_cache.js'
import { ShopPageNotFound, shopChrome, shopOf, slugParam } from './concerns/shop_page.js'

/** The element htmx swaps when a shopper picks another variant */
const PURCHASE_ID = 'product-purchase'
/** At or below this many units left, the page says how many ("only 3 left") */
const FEW_LEFT = 5

const single = (value: unknown) => {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : null
}

/** Option values a URL may ask for: products have at most three options */
const OPTION_FIELDS = ['option1', 'option2', 'option3'] as const

/**
 * The variant asked for: by id (`?variant=`), or by its option values
 * (`?option1=M&option2=Red`, what the picker sends), else the first one in
 * stock, else the first. Values that match no variant are ignored, and
 * `matched` says the page shows what was asked (nothing, or a variant).
 */
function chosenVariant(
  product: ShopProduct,
  qs: Record<string, unknown>
): { variant: ShopVariant; matched: boolean } {
  const id = single(qs.variant)
  const byId = id ? product.variants.find((variant) => variant.id === id) : undefined
  if (byId) {
    return { variant: byId, matched: OPTION_FIELDS.every((field) => single(qs[field]) === null) }
  }
  const asked = product.optionNames.map((_, index) => single(qs[`option${index + 1}`]))
  if (asked.some((value) => value !== null)) {
    const byValues = product.variants.find((variant) =>
      variant.values.every((value, index) => asked[index] === null || asked[index] === value)
    )
    if (byValues) return { variant: byValues, matched: !id }
  }
  const fallback = product.variants.find((variant) => variant.available) ?? product.variants[0]
  return { variant: fallback, matched: !id && asked.every((value) => value === null) }
}

/**
 * What of the query string the page depends on, as a cache key: the
 * variant or the option values asked (anything else, `?utm_…`, shares the
 * page). A page whose values match nothing is rendered but not kept.
 */
function pageKey(slug: string | null, qs: Record<string, unknown>) {
  const asked = ['variant', ...OPTION_FIELDS].map((field) => single(qs[field]) ?? '')
  return JSON.stringify(['product', slug, ...asked])
}

/**
 * Each option with its values, in the order the variants list them. With a
 * single option each value is one variant, so a sold-out one is marked.
 */
function optionsOf(product: ShopProduct) {
  const oneOption = product.optionNames.length === 1
  return product.optionNames.map((name, index) => ({
    name,
    field: `option${index + 1}`,
    values: [...new Set(product.variants.map((variant) => variant.values[index]))].map((value) => ({
      value,
      soldOut:
        oneOption &&
        product.variants.every((variant) => variant.values[index] !== value || !variant.available),
    })),
  }))
}

function stockOf(variant: ShopVariant) {
  if (variant.stock === null) return { kind: 'in_stock', count: null }
  if (variant.stock <= 0) return { kind: 'sold_out', count: 0 }
  if (variant.stock <= FEW_LEFT) return { kind: 'few_left', count: variant.stock }
  return { kind: 'in_stock', count: variant.stock }
}

/**
 * A product's page, kept until the catalog changes; its purchase panel
 * alone (never kept) when the variant picker asks with htmx
 */
export default class ProductsController {
  async show(ctx: HttpContext) {
    const { request, response } = ctx
    const { links } = shopOf(ctx)
    const slug = slugParam(ctx)
    response.header('Vary', 'HX-Request, HX-Target')
    if (wantsFragment(ctx, PURCHASE_ID)) {
      const product = await this.find(ctx, slug)
      const { variant } = chosenVariant(product, request.qs())
      response.header('HX-Push-Url', links.product(product.slug, variant.id))
      return ctx.view.render('storefront/partials/product_purchase', {
        product,
        variant,
        stock: stockOf(variant),
        links,
      })
    }
    return cachedShopPage(ctx, pageKey(slug, request.qs()), () => this.render(ctx, slug))
  }

  private async find(ctx: HttpContext, slug: string | null) {
    const product = slug ? await shopProduct(slug) : null
    if (!product) throw new ShopPageNotFound(ctx.i18n.t('storefront.product_not_found'))
    return product
  }

  private async render(ctx: HttpContext, slug: string | null) {
    const { request, view, i18n } = ctx
    const { store, links } = shopOf(ctx)
    // Each read is one round trip of its own, committed before the page renders
    const product = await this.find(ctx, slug)
    const chrome = await shopChrome(ctx)
    const qs = request.qs()
    const { variant, matched } = chosenVariant(product, qs)
    const unknownOption = OPTION_FIELDS.slice(product.optionNames.length).some(
      (field) => single(qs[field]) !== null
    )
    const meta = pageMeta({
      store,
      path: canonicalPaths.product(product.slug),
      title: `${product.title} · ${store.name}`,
      description:
        product.description ||
        i18n.t('storefront.product_description', { product: product.title, store: store.name }),
      locale: i18n.locale,
      ogType: 'product',
    })
    const html = await view.render('storefront/products/show', {
      ...chrome,
      product,
      variant,
      stock: stockOf(variant),
      links,
      current: product.category ? `category:${product.category.slug}` : null,
      options: optionsOf(product),
      purchaseId: PURCHASE_ID,
      meta,
      jsonLd: jsonLdScript(productJsonLd(product, variant, store, meta.canonical)),
    })
    return { html, keep: matched && !unknownOption }
  }
}
