import db from '@adonisjs/lucid/services/db'
import { paginate, parseListQuery, type ListQuery } from '#core/mod'
import Product, { PRODUCT_STATUSES } from '../models/product.js'
import ProductVariant from '../models/product_variant.js'
import StockMovement from '../models/stock_movement.js'
import Category from '../models/category.js'
import type { ExportedProduct } from '../services/product_csv.js'
import { productSearch } from './storefront.js'

export const PRODUCT_SORTS = ['title', 'price', 'stock', 'updated'] as const
export type ProductSort = (typeof PRODUCT_SORTS)[number]
export type ProductFilter = 'q' | 'status' | 'category'
export type ProductListQuery = ListQuery<ProductSort, ProductFilter>
export const PRODUCT_LIST_DEFAULTS = { sort: 'updated', dir: 'desc', perPage: 20 } as const

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The list's `?q&status&category&sort&dir&page&perPage`, bad values replaced by the defaults */
export function parseProductListQuery(qs: Record<string, unknown>): ProductListQuery {
  const list = parseListQuery(qs, {
    sorts: PRODUCT_SORTS,
    defaultSort: PRODUCT_LIST_DEFAULTS.sort,
    defaultDir: PRODUCT_LIST_DEFAULTS.dir,
    perPage: PRODUCT_LIST_DEFAULTS.perPage,
    filters: { q: { maxLength: 100 }, status: PRODUCT_STATUSES, category: { maxLength: 36 } },
  })
  if (list.filters.category && !UUID.test(list.filters.category)) delete list.filters.category
  return list
}

/** `%`, `_` and `\` taken literally in a LIKE pattern */
function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

const VARIANTS_OF = `from product_variants v where v.tenant_id = products.tenant_id and v.product_id = products.id`
const LOWEST_PRICE = `(select min(v.price_amount) ${VARIANTS_OF})`
const TOTAL_STOCK = `(select coalesce(sum(v.stock), 0) ${VARIANTS_OF})`

export interface ProductRow {
  id: string
  title: string
  status: string
  categoryId: string | null
  currency: string
  trackStock: boolean
  updatedAt: string
  lowestPrice: { amount: bigint; currency: string } | null
  highestPrice: { amount: bigint; currency: string } | null
  stock: number
  variantCount: number
}

/**
 * One page of the current store's products with their lowest price, total
 * stock and number of variants, filtered by status, category and a text in
 * the title, tags or description (ranked full-text and trigram search) or in
 * a variant's SKU.
 */
export async function listProductsPage(list: ProductListQuery) {
  const filtered = () => {
    const query = Product.query()
    if (list.filters.status) query.where('status', list.filters.status)
    if (list.filters.category) query.where('category_id', list.filters.category)
    if (list.filters.q) {
      const pattern = likePattern(list.filters.q)
      const search = productSearch(list.filters.q)
      query.where((match) =>
        match
          .whereRaw(search.where, search.whereBindings)
          .orWhereRaw(`exists (select 1 ${VARIANTS_OF} and v.sku ilike ?)`, [pattern])
      )
    }
    return query
  }
  const [counted] = await filtered().count('* as total')
  const pagination = paginate(list, Number(counted?.$extras.total ?? 0))

  const dir = list.dir === 'desc' ? 'desc' : 'asc'
  const query = filtered()
    .select('products.*')
    .select(db.raw(`${LOWEST_PRICE} as lowest_price`))
    .select(db.raw(`(select max(v.price_amount) ${VARIANTS_OF}) as highest_price`))
    .select(db.raw(`${TOTAL_STOCK} as total_stock`))
    .select(db.raw(`(select count(*) ${VARIANTS_OF}) as variant_count`))
  if (list.sort === 'title') query.orderByRaw(`lower(title) ${dir}`)
  if (list.sort === 'price') query.orderByRaw(`${LOWEST_PRICE} ${dir} nulls last`)
  if (list.sort === 'stock') query.orderByRaw(`${TOTAL_STOCK} ${dir}`)
  // a search left in the default order lists the best matches first
  if (list.filters.q && list.sort === PRODUCT_LIST_DEFAULTS.sort) {
    const search = productSearch(list.filters.q)
    query.orderByRaw(`${search.rank} desc`, search.rankBindings)
  }
  query.orderBy('updated_at', list.sort === 'updated' ? dir : 'desc').orderBy('id', 'asc')
  const products = await query.offset(pagination.offset).limit(pagination.perPage)
  const rows: ProductRow[] = products.map((product) => {
    const price = (value: unknown) =>
      value === null || value === undefined
        ? null
        : { amount: BigInt(value as string), currency: product.currency }
    return {
      id: product.id,
      title: product.title,
      status: product.status,
      categoryId: product.categoryId,
      currency: product.currency,
      trackStock: product.trackStock,
      updatedAt: product.updatedAt.toISO() ?? '',
      lowestPrice: price(product.$extras.lowest_price),
      highestPrice: price(product.$extras.highest_price),
      stock: Number(product.$extras.total_stock ?? 0),
      variantCount: Number(product.$extras.variant_count ?? 0),
    }
  })
  return { rows, pagination }
}

/** Whether the current store has at least one product (one indexed probe) */
export async function hasProducts() {
  const product = await Product.query().select('id').first()
  return product !== null
}

/** A product of the current store with its variants in order, or null */
export async function findProduct(id: string) {
  return Product.query()
    .where('id', id)
    .preload('variants', (variants) => variants.orderBy('position', 'asc').orderBy('id', 'asc'))
    .first()
}

/** Products of the current store by id (for the bulk confirmation) */
export function productsByIds(ids: string[]) {
  return Product.query().whereIn('id', ids).orderBy('title', 'asc').limit(100)
}

/** The latest stock movements of a product's variants, newest first */
export async function stockHistory(productId: string, limit = 50) {
  return StockMovement.query()
    .whereIn('variant_id', ProductVariant.query().where('product_id', productId).select('id'))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
}

/** Every product of the current store with its variants and category name, for the CSV export */
export async function exportedProducts(): Promise<ExportedProduct[]> {
  const [products, categories] = await Promise.all([
    Product.query()
      .preload('variants', (variants) => variants.orderBy('position', 'asc').orderBy('id', 'asc'))
      .orderBy('slug', 'asc'),
    Category.query().select('id', 'name'),
  ])
  const names = new Map(categories.map((category) => [category.id, category.name]))
  return products.map((product) => ({
    slug: product.slug,
    title: product.title,
    status: product.status,
    categoryName: product.categoryId ? (names.get(product.categoryId) ?? null) : null,
    tags: product.tags,
    trackStock: product.trackStock,
    description: product.description,
    currency: product.currency,
    optionNames: [product.option1Name, product.option2Name, product.option3Name],
    variants: product.variants.map((variant) => ({
      values: [variant.option1, variant.option2, variant.option3],
      sku: variant.sku,
      priceAmount: variant.priceAmount,
      compareAtAmount: variant.compareAtAmount,
      costAmount: variant.costAmount,
      stock: variant.stock,
    })),
  }))
}
