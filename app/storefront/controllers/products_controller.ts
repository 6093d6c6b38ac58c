import type { HttpContext } from '@adonisjs/core/http'
import { wantsFragment } from '#core/mod'
import { inUnitOfWork } from '#tenancy/mod'
import { shopProduct, type ShopProduct, type ShopVariant } from '#catalog/mod'
import { canonicalPaths, jsonLdScript, pageMeta, productJsonLd } from '../services/seo.js'
import { ShopPageNotFound, shopChrome, shopOf, slugParam } from './concerns/shop_page.js'

/** The element htmx swaps when a shopper picks another variant */
const PURCHASE_ID = 'product-purchase'
/** At or below this many units left, the page says how many ("only 3 left") */
const FEW_LEFT = 5

const single = (value: unknown) => {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : null
}

/**
 * The variant asked for: by id (`?variant=`), or by its option values
 * (`?option1=M&option2=Red`, what the picker sends), else the first one in
 * stock, else the first. Values that match no variant are ignored.
 */
function chosenVariant(product: ShopProduct, qs: Record<string, unknown>): ShopVariant {
  const id = single(qs.variant)
  const byId = id ? product.variants.find((variant) => variant.id === id) : undefined
  if (byId) return byId
  const asked = product.optionNames.map((_, index) => single(qs[`option${index + 1}`]))
  if (asked.some((value) => value !== null)) {
    const byValues = product.variants.find((variant) =>
      variant.values.every((value, index) => asked[index] === null || asked[index] === value)
    )
    if (byValues) return byValues
  }
  return product.variants.find((variant) => variant.available) ?? product.variants[0]
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

/** A product's page; its purchase panel alone when the variant picker asks with htmx */
export default class ProductsController {
  async show(ctx: HttpContext) {
    const { request, response, view, i18n } = ctx
    const { store, links } = shopOf(ctx)
    return inUnitOfWork(async () => {
      const slug = slugParam(ctx)
      const product = slug ? await shopProduct(slug) : null
      if (!product) throw new ShopPageNotFound(i18n.t('storefront.product_not_found'))

      const variant = chosenVariant(product, request.qs())
      const purchase = { product, variant, stock: stockOf(variant), links }
      response.header('Vary', 'HX-Request, HX-Target')
      if (wantsFragment(ctx, PURCHASE_ID)) {
        response.header('HX-Push-Url', links.product(product.slug, variant.id))
        return view.render('storefront/partials/product_purchase', purchase)
      }

      const chrome = await shopChrome(ctx)
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
      return view.render('storefront/products/show', {
        ...chrome,
        ...purchase,
        current: product.category ? `category:${product.category.slug}` : null,
        options: optionsOf(product),
        purchaseId: PURCHASE_ID,
        meta,
        jsonLd: jsonLdScript(productJsonLd(product, variant, store, meta.canonical)),
      })
    })
  }
}
