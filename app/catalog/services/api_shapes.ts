import { toDecimalString } from './money_api.js'
import type Product from '../models/product.js'
import type ProductVariant from '../models/product_variant.js'
import type Category from '../models/category.js'

/**
 * Amounts in the API: whole minor units as a JSON number (exact: amounts
 * stay below 10^15, inside JavaScript's exact integers), the currency, and
 * the same amount as a decimal string for people reading it.
 */
function moneyShape(amount: bigint | null, currency: string) {
  if (amount === null) return null
  return { amount: Number(amount), currency, decimal: toDecimalString({ amount, currency }) }
}

function variantShape(variant: ProductVariant, currency: string) {
  return {
    id: variant.id,
    options: [variant.option1, variant.option2, variant.option3].filter(
      (value): value is string => value !== null
    ),
    sku: variant.sku,
    price: moneyShape(variant.priceAmount, currency),
    compareAtPrice: moneyShape(variant.compareAtAmount, currency),
    cost: moneyShape(variant.costAmount, currency),
    stock: variant.stock,
  }
}

export function productShape(product: Product) {
  return {
    id: product.id,
    title: product.title,
    slug: product.slug,
    description: product.description,
    status: product.status,
    categoryId: product.categoryId,
    tags: product.tags,
    trackStock: product.trackStock,
    currency: product.currency,
    options: [product.option1Name, product.option2Name, product.option3Name].filter(
      (name): name is string => name !== null
    ),
    variants: product.variants.map((variant) => variantShape(variant, product.currency)),
    // Media arrive with uploads; the field is here so clients need not change then
    media: [] as never[],
    createdAt: product.createdAt.toISO(),
    updatedAt: product.updatedAt.toISO(),
  }
}

export function categoryShape(category: Category) {
  return {
    id: category.id,
    name: category.name,
    slug: category.slug,
    parentId: category.parentId,
    position: category.position,
    createdAt: category.createdAt.toISO(),
    updatedAt: category.updatedAt.toISO(),
  }
}
