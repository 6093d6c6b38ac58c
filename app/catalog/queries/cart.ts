import type { Money } from '#core/mod'
import ProductVariant from '../models/product_variant.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A variant as a cart line needs it, read now: plain values, no model */
export interface CartVariant {
  variantId: string
  productId: string
  title: string
  slug: string
  /** "Size: M", "Colour: Red" in the product's option order ([] for a default variant) */
  options: { name: string; value: string }[]
  /** "M / Red", or '' for a product's default variant */
  label: string
  sku: string | null
  price: Money
  currency: string
  stock: number
  trackStock: boolean
  /** Whether the product is on sale (active); drafts and archived products are not */
  active: boolean
}

/**
 * The current store's variants among `variantIds`, with their product's
 * title, options, price and stock as they are now. Ids that are not
 * variants of this store (or not ids at all) are simply absent.
 */
export async function variantsForCart(variantIds: readonly string[]): Promise<CartVariant[]> {
  const ids = [...new Set(variantIds.filter((id) => UUID.test(id)))]
  if (ids.length === 0) return []
  const variants = await ProductVariant.query().whereIn('id', ids).preload('product')
  return variants.map((variant) => {
    const product = variant.product
    const values = [variant.option1, variant.option2, variant.option3]
    return {
      variantId: variant.id,
      productId: product.id,
      title: product.title,
      slug: product.slug,
      options: product.optionNames.map((name, index) => ({ name, value: values[index] ?? '' })),
      label: variant.label,
      sku: variant.sku,
      price: { amount: variant.priceAmount, currency: product.currency },
      currency: product.currency,
      stock: variant.stock,
      trackStock: product.trackStock,
      active: product.status === 'active',
    }
  })
}
