import { Invalid, multiplyMoney, sumMoney, type Money } from '#core/mod'
import { variantsForCart, type CartVariant } from '#catalog/mod'
import { inUnitOfWork } from '#tenancy/mod'
import type { CartEntry } from './cart_store.js'
import { say } from '../orders_messages.js'

export interface CartLine {
  variantId: string
  productId: string
  sku: string | null
  title: string
  slug: string
  label: string
  quantity: number
  unitPrice: Money
  lineTotal: Money
  stock: number
  trackStock: boolean
  /** Why this line cannot be ordered as it is, or null */
  problem: string | null
}

export interface PricedCart {
  lines: CartLine[]
  /** The lines' currency; the store's own when the cart is empty */
  currency: string
  /** The lines that can be ordered, added up */
  subtotal: Money
  /** Units in the cart */
  count: number
  /** Whether every line can be ordered as it is */
  orderable: boolean
  /** Items the catalog no longer has at all (dropped from the cart) */
  gone: string[]
}

/** What stops a line from being ordered now, in the shopper's words, or null */
export function lineProblem(variant: CartVariant, quantity: number, currency: string) {
  const name = variant.label ? `${variant.title} (${variant.label})` : variant.title
  if (!variant.active) return say('cart.errors.unavailable_line', { name })
  if (variant.currency !== currency) return say('cart.errors.other_currency', { name })
  if (variant.trackStock && variant.stock < quantity) {
    return variant.stock === 0
      ? say('cart.errors.sold_out', { name })
      : say('cart.errors.only_left', { name, count: variant.stock })
  }
  return null
}

/**
 * The cart as it stands now: each line with the catalog's current title,
 * price and stock, and what (if anything) stops it from being ordered.
 * The first line's currency is the cart's; a line in another one cannot
 * be ordered with it.
 */
export async function priceCart(entries: CartEntry[], storeCurrency: string): Promise<PricedCart> {
  const variants = entries.length
    ? await inUnitOfWork(() => variantsForCart(entries.map((entry) => entry.variantId)))
    : []
  const byId = new Map(variants.map((variant) => [variant.variantId, variant]))
  const present = entries.filter((entry) => byId.has(entry.variantId))
  const gone = entries.filter((entry) => !byId.has(entry.variantId)).map((e) => e.variantId)
  const sorted = present.sort((a, b) => {
    const left = byId.get(a.variantId)!
    const right = byId.get(b.variantId)!
    return `${left.title} ${left.label}`.localeCompare(`${right.title} ${right.label}`)
  })
  const currency = sorted.length ? byId.get(sorted[0].variantId)!.currency : storeCurrency
  const lines = sorted.map((entry) => {
    const variant = byId.get(entry.variantId)!
    return {
      variantId: variant.variantId,
      productId: variant.productId,
      sku: variant.sku,
      title: variant.title,
      slug: variant.slug,
      label: variant.label,
      quantity: entry.quantity,
      unitPrice: variant.price,
      lineTotal: multiplyMoney(variant.price, entry.quantity),
      stock: variant.stock,
      trackStock: variant.trackStock,
      problem: lineProblem(variant, entry.quantity, currency),
    }
  })
  const orderable = lines.filter((line) => line.problem === null)
  return {
    lines,
    currency,
    subtotal: sumMoney(
      orderable.map((line) => line.lineTotal),
      currency
    ),
    count: lines.reduce((sum, line) => sum + line.quantity, 0),
    orderable: lines.length > 0 && orderable.length === lines.length,
    gone,
  }
}

/** Refuses more units of a tracked variant than it has */
export function refuseBeyondStock(
  variant: { trackStock: boolean; stock: number; title: string; label: string },
  quantity: number
) {
  if (!variant.trackStock || quantity <= variant.stock) return
  const name = variant.label ? `${variant.title} (${variant.label})` : variant.title
  throw new Invalid(
    variant.stock === 0
      ? say('cart.errors.sold_out', { name })
      : say('cart.errors.only_left', { name, count: variant.stock }),
    'quantity'
  )
}
