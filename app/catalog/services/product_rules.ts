import { Conflict, Invalid } from '#core/mod'
import Category from '../models/category.js'
import Product from '../models/product.js'
import ProductVariant from '../models/product_variant.js'
import { say } from '../messages.js'
import { slugify } from './slugs.js'

/** Most units a variant holds, and most a single adjustment moves */
export const MAX_STOCK = 1_000_000_000
export const MAX_STOCK_DELTA = 1_000_000

/**
 * A product's slug: the one asked for, or one made from its title, refused
 * when another product of the store has it.
 */
export async function uniqueProductSlug(
  asked: string | null | undefined,
  title: string,
  exceptId: string | null
) {
  const slug = slugify(asked?.trim() ? asked : title)
  if (!slug) throw new Invalid(say('errors.slug_empty'), 'handle')
  const taken = await Product.query()
    .where('slug', slug)
    .if(exceptId, (query) => query.whereNot('id', exceptId!))
    .select('id')
    .first()
  if (taken) throw new Conflict(say('errors.slug_taken', { slug }), 'handle')
  return slug
}

/** A category id the form sent must name one of the store's categories */
export async function ensureCategory(categoryId: string | null) {
  if (!categoryId) return
  const category = await Category.query().where('id', categoryId).select('id').first()
  if (!category) throw new Invalid(say('errors.category_not_found'), 'categoryId')
}

/**
 * SKUs are unique in a store when given: among the variants being saved,
 * and against every other variant (`exceptIds` are the ones being saved).
 */
export async function ensureSkusFree(
  skus: { sku: string | null; field: string }[],
  exceptIds: string[] = []
) {
  const seen = new Map<string, string>()
  for (const { sku, field } of skus) {
    if (!sku) continue
    const key = sku.toLowerCase()
    if (seen.has(key)) throw new Conflict(say('errors.sku_repeated', { sku }), field)
    seen.set(key, field)
  }
  if (!seen.size) return
  const taken = await ProductVariant.query()
    .whereIn(
      'sku',
      skus.flatMap(({ sku }) => (sku ? [sku] : []))
    )
    .if(exceptIds.length > 0, (query) => query.whereNotIn('id', exceptIds))
    .select('sku')
    .first()
  if (taken?.sku) {
    throw new Conflict(
      say('errors.sku_taken', { sku: taken.sku }),
      seen.get(taken.sku.toLowerCase())
    )
  }
}

/** A stock figure a person typed: a whole number from 0 up */
export function ensureStock(stock: number, field: string) {
  if (!Number.isSafeInteger(stock) || stock < 0) {
    throw new Invalid(say('errors.stock_negative'), field)
  }
  if (stock > MAX_STOCK) throw new Invalid(say('errors.stock_too_large', { max: MAX_STOCK }), field)
}
