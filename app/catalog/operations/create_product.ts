import emitter from '@adonisjs/core/services/emitter'
import { Invalid, countRows, ensureCapacity, isSupportedCurrency } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Product, { type ProductStatus } from '../models/product.js'
import ProductVariant from '../models/product_variant.js'
import StockMovement from '../models/stock_movement.js'
import { say } from '../messages.js'
import {
  optionProblem,
  variantCombinations,
  type OptionValues,
  type ProductOption,
} from '../services/variant_options.js'
import {
  ensureCategory,
  ensureSkusFree,
  ensureStock,
  uniqueProductSlug,
} from '../services/product_rules.js'
import { describeOptionProblem } from '../services/option_messages.js'

export interface NewVariant {
  values: OptionValues
  sku: string | null
  priceAmount: bigint
  compareAtAmount: bigint | null
  costAmount: bigint | null
  stock: number
}

export interface CreateProductInput {
  actorUserId: string | null
  title: string
  /** Derived from the title when empty */
  slug?: string | null
  description?: string
  status: ProductStatus
  categoryId?: string | null
  tags?: string[]
  trackStock: boolean
  /** The store's default currency unless said */
  currency?: string
  /** Up to three; none for a product with one default variant */
  options: ProductOption[]
  /** One per combination of the options' values, in any order */
  variants: NewVariant[]
  /** Why the first stock arrived: `initial`, or `import` for a CSV file */
  stockReason?: 'initial' | 'import'
}

const key = (values: OptionValues) => JSON.stringify(values)

/**
 * Adds a product with all its variants, and an `initial` stock movement for
 * each variant that starts with stock. Everything is checked before the
 * first row is written, and it all runs in the store's one transaction: a
 * product whose third variant is refused is not created at all.
 */
export default class CreateProduct {
  async handle(input: CreateProductInput) {
    const tenant = currentTenant()
    const currency = input.currency ?? tenant.defaultCurrency
    if (!isSupportedCurrency(currency)) {
      throw new Invalid(say('errors.currency_unknown', { currency }), 'currency')
    }
    const problem = optionProblem(input.options)
    if (problem) throw new Invalid(describeOptionProblem(problem), 'options')

    const combinations = variantCombinations(input.options)
    const wanted = new Set(combinations.map(key))
    const given = new Set<string>()
    for (const [index, variant] of input.variants.entries()) {
      const field = `variants.${index}`
      const id = key(variant.values)
      if (!wanted.has(id) || given.has(id)) {
        throw new Invalid(say('errors.variant_not_in_options', { number: index + 1 }), field)
      }
      given.add(id)
      ensureStock(variant.stock, `${field}.stock`)
      for (const amount of [variant.priceAmount, variant.compareAtAmount, variant.costAmount]) {
        if (amount !== null && amount < 0n) {
          throw new Invalid(say('errors.amount_negative', { field: say('fields.price') }), field)
        }
      }
    }
    if (given.size !== wanted.size) throw new Invalid(say('errors.variants_missing'), 'variants')

    await ensureCategory(input.categoryId ?? null)
    await ensureSkusFree(
      input.variants.map((variant, index) => ({ sku: variant.sku, field: `variants.${index}.sku` }))
    )
    const slug = await uniqueProductSlug(input.slug, input.title, null)

    await ensureCapacity('products', () => countRows(Product.query().count('* as total')))
    const [option1Name, option2Name, option3Name] = input.options.map((option) => option.name)
    const product = await Product.create({
      title: input.title,
      slug,
      description: input.description ?? '',
      status: input.status,
      categoryId: input.categoryId || null,
      tags: input.tags ?? [],
      trackStock: input.trackStock,
      option1Name: option1Name ?? null,
      option2Name: option2Name ?? null,
      option3Name: option3Name ?? null,
      currency,
    })
    const order = new Map(combinations.map((values, position) => [key(values), position]))
    const variants = await ProductVariant.createMany(
      input.variants.map((variant) => ({
        productId: product.id,
        option1: variant.values[0],
        option2: variant.values[1],
        option3: variant.values[2],
        sku: variant.sku,
        priceAmount: variant.priceAmount,
        compareAtAmount: variant.compareAtAmount,
        costAmount: variant.costAmount,
        stock: variant.stock,
        position: order.get(key(variant.values)) ?? 0,
      }))
    )
    const stocked = variants.filter((variant) => variant.stock > 0)
    if (stocked.length) {
      await StockMovement.createMany(
        stocked.map((variant) => ({
          variantId: variant.id,
          delta: variant.stock,
          reason: input.stockReason ?? 'initial',
          note: '',
          actorUserId: input.actorUserId,
          stockAfter: variant.stock,
        }))
      )
    }
    await emitter.emit('catalog:product_created', {
      tenantId: tenant.id,
      actorUserId: input.actorUserId,
      productId: product.id,
      title: product.title,
      variantCount: variants.length,
      imported: input.stockReason === 'import',
    })
    return { product, variants }
  }
}
