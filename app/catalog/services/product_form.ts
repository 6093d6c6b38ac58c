import { Invalid } from '#core/mod'
import type { Infer } from '@vinejs/vine/types'
import type { productValidator } from '../validators/catalog_validators.js'
import type { CreateProductInput, NewVariant } from '../operations/create_product.js'
import type { UpdateProductInput } from '../operations/update_product.js'
import type Product from '../models/product.js'
import { say } from '../messages.js'
import { readAmount } from './amounts.js'
import { ensureStock } from './product_rules.js'
import { describeOptionProblem } from './option_messages.js'
import {
  normalizeOptions,
  optionProblem,
  variantCombinations,
  variantSku,
} from './variant_options.js'

type ProductPayload = Infer<(typeof productValidator)['schema']> & Record<string, any>

export const MAX_TAGS = 20
export const MAX_TAG_LENGTH = 40

/** "summer, Sale ,summer" → ['summer', 'Sale'] */
export function readTags(text: string | null | undefined): string[] {
  const seen = new Set<string>()
  const tags: string[] = []
  for (const part of (text ?? '').split(/[,،]/)) {
    const tag = part.trim().replace(/\s+/g, ' ')
    if (!tag || seen.has(tag.toLowerCase())) continue
    if ([...tag].length > MAX_TAG_LENGTH) {
      throw new Invalid(say('errors.tag_too_long', { max: MAX_TAG_LENGTH }), 'tags')
    }
    seen.add(tag.toLowerCase())
    tags.push(tag)
  }
  if (tags.length > MAX_TAGS)
    throw new Invalid(say('errors.too_many_tags', { max: MAX_TAGS }), 'tags')
  return tags
}

/**
 * The create form as CreateProduct takes it: the options' values make the
 * variants, each with the form's price, cost, stock and a SKU made from the
 * form's (a product without options gets them as its one default variant).
 */
export function createInputFrom(
  payload: ProductPayload,
  currency: string,
  actorUserId: string | null
): CreateProductInput {
  const options = normalizeOptions(payload.options ?? [])
  const problem = optionProblem(options)
  if (problem) throw new Invalid(describeOptionProblem(problem), 'options')
  const priceAmount = readAmount(payload.price, currency, 'price')!
  const compareAtAmount = readAmount(payload.compareAt, currency, 'compareAt', { optional: true })
  const costAmount = readAmount(payload.cost, currency, 'cost', { optional: true })
  const stock = payload.stock ?? 0
  ensureStock(stock, 'stock')
  const sku = payload.sku || null
  const variants: NewVariant[] = variantCombinations(options).map((values) => ({
    values,
    sku: options.length ? variantSku(sku, values) : sku,
    priceAmount,
    compareAtAmount,
    costAmount,
    stock,
  }))
  return {
    actorUserId,
    title: payload.title,
    slug: payload.handle,
    description: payload.description ?? '',
    status: payload.status,
    categoryId: payload.categoryId ?? null,
    tags: readTags(payload.tags),
    trackStock: payload.trackStock ?? false,
    currency,
    options,
    variants,
  }
}

/** The edit form as UpdateProduct takes it, each variant row's amounts in the product's currency */
export function updateInputFrom(
  payload: ProductPayload,
  product: Product,
  actorUserId: string | null
): UpdateProductInput {
  const labels = new Map(product.variants.map((variant) => [variant.id, variant.label]))
  const variants = (payload.variants ?? []).map((row: any, index: number) => {
    const name = labels.get(row.id) || say('products.default_variant')
    const field = `variants.${index}`
    const label = (key: string) =>
      say('fields.of_variant', { field: say(`fields.${key}`), variant: name })
    return {
      id: row.id,
      sku: row.sku || null,
      priceAmount: readAmount(row.price, product.currency, `${field}.price`, {
        label: label('price'),
      })!,
      compareAtAmount: readAmount(row.compareAt, product.currency, `${field}.compareAt`, {
        optional: true,
        label: label('compareAt'),
      }),
      costAmount: readAmount(row.cost, product.currency, `${field}.cost`, {
        optional: true,
        label: label('cost'),
      }),
    }
  })
  return {
    actorUserId,
    id: product.id,
    title: payload.title,
    slug: payload.handle,
    description: payload.description ?? '',
    status: payload.status,
    categoryId: payload.categoryId ?? null,
    tags: readTags(payload.tags),
    trackStock: payload.trackStock ?? false,
    variants,
  }
}
