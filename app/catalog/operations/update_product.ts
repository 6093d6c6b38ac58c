import emitter from '@adonisjs/core/services/emitter'
import { Invalid, NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Product, { type ProductStatus } from '../models/product.js'
import ProductVariant from '../models/product_variant.js'
import ChangeVariantPrice from './change_variant_price.js'
import { say } from '../messages.js'
import { ensureCategory, ensureSkusFree, uniqueProductSlug } from '../services/product_rules.js'

export interface VariantChanges {
  id: string
  sku: string | null
  priceAmount: bigint
  compareAtAmount: bigint | null
  costAmount: bigint | null
}

export interface UpdateProductInput {
  actorUserId: string | null
  id: string
  title: string
  slug?: string | null
  description?: string
  status: ProductStatus
  categoryId?: string | null
  tags?: string[]
  trackStock: boolean
  /** The variants table's rows; variants left out keep what they have */
  variants?: VariantChanges[]
}

const PRODUCT_FIELDS = [
  'title',
  'slug',
  'description',
  'status',
  'categoryId',
  'tags',
  'trackStock',
] as const

/**
 * Saves the product form: the product's own fields and its variants' SKU,
 * cost and prices. Every check runs before the first write; a changed
 * price goes through ChangeVariantPrice, so it emits `catalog:price_changed`
 * like any other price change, and the product emits `catalog:product_updated`.
 * Stock is not set here: it moves through AdjustStock, which records why.
 */
export default class UpdateProduct {
  async handle(input: UpdateProductInput) {
    const product = await Product.query().where('id', input.id).forUpdate().first()
    if (!product) throw new NotFound(say('errors.product_not_found'))
    const variants = await ProductVariant.query().where('product_id', product.id)
    const byId = new Map(variants.map((variant) => [variant.id, variant]))
    const rows = input.variants ?? []
    const seen = new Set<string>()
    for (const [index, row] of rows.entries()) {
      if (!byId.has(row.id) || seen.has(row.id)) {
        throw new Invalid(say('errors.variant_not_found'), `variants.${index}`)
      }
      seen.add(row.id)
    }
    await ensureCategory(input.categoryId ?? null)
    await ensureSkusFree(
      rows.map((row, index) => ({ sku: row.sku, field: `variants.${index}.sku` })),
      rows.map((row) => row.id)
    )
    const slug = await uniqueProductSlug(input.slug || product.slug, input.title, product.id)

    const before = Object.fromEntries(
      PRODUCT_FIELDS.map((field) => [field, JSON.stringify(product[field])])
    )
    product.merge({
      title: input.title,
      slug,
      description: input.description ?? product.description,
      status: input.status,
      categoryId: input.categoryId || null,
      tags: input.tags ?? product.tags,
      trackStock: input.trackStock,
    })
    const changed: string[] = PRODUCT_FIELDS.filter(
      (field) => before[field] !== JSON.stringify(product[field])
    )
    await product.save()

    for (const row of rows) {
      const variant = byId.get(row.id)!
      variant.merge({ sku: row.sku, costAmount: row.costAmount })
      if (variant.$isDirty) {
        await variant.save()
        if (!changed.includes('variants')) changed.push('variants')
      }
      const price = await new ChangeVariantPrice().handle({
        actorUserId: input.actorUserId,
        variantId: variant.id,
        price: { amount: row.priceAmount, currency: product.currency },
        compareAt:
          row.compareAtAmount === null
            ? null
            : { amount: row.compareAtAmount, currency: product.currency },
      })
      if (price.changed && !changed.includes('prices')) changed.push('prices')
    }

    await emitter.emit('catalog:product_updated', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      productId: product.id,
      title: product.title,
      changed,
      status: product.status,
    })
    return product
  }
}
