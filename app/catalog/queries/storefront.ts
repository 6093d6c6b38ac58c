import { paginate, type Pagination } from '#core/mod'
import type { StrictValues } from '@adonisjs/lucid/types/querybuilder'
import {
  currentClient,
  currentTenant,
  inUnitOfWork,
  readAsTenant,
  type ReadBinding,
} from '#tenancy/mod'
import { picturesOf, readyPicturesJson, type Picture } from './media.js'

/*
| What shoppers may see of the current store's catalog, as plain values:
| only `active` products, with the variants a shopper picks from. Each
| function is one statement in the store's unit of work, or, when the page
| has none open, a single read of one round trip (`readAsTenant`), and the
| tenant is named in every query as well as enforced by row-level security.
*/

export const SHOP_SORTS = ['newest', 'price-asc', 'price-desc'] as const
export type ShopSort = (typeof SHOP_SORTS)[number]
export const SHOP_PAGE_SIZE = 24
/** Longest search text read; the rest is ignored */
export const SEARCH_MAX_LENGTH = 100

export interface ShopCategory {
  id: string
  name: string
  slug: string
  parentId: string | null
  depth: number
  /** Active products filed directly under it */
  productCount: number
  updatedAt: Date
}

export interface ShopProductCard {
  id: string
  slug: string
  title: string
  currency: string
  /** The lowest price of its variants, and that variant's compare-at price */
  price: bigint
  compareAt: bigint | null
  /** Whether its variants have different prices ("from …") */
  priceVaries: boolean
  available: boolean
  /** Its first ready image, if it has one */
  picture: Picture | null
}

export interface ShopVariant {
  id: string
  /** The option values, in the order of the product's option names */
  values: string[]
  /** "M / Red", or '' for a product's one default variant */
  label: string
  sku: string | null
  price: bigint
  compareAt: bigint | null
  /** Units left, or null when the product's stock is not tracked */
  stock: number | null
  available: boolean
}

export interface ShopProduct {
  id: string
  slug: string
  title: string
  description: string
  tags: string[]
  currency: string
  optionNames: string[]
  category: { name: string; slug: string } | null
  variants: ShopVariant[]
  /** Its ready images, in order (always set here; optional for pages built from older copies) */
  pictures?: Picture[]
  updatedAt: Date
}

export interface ShopPage<Item> {
  items: Item[]
  pagination: Pagination
}

export interface SitemapEntries {
  categories: { slug: string; updatedAt: Date }[]
  products: { slug: string; updatedAt: Date }[]
}

/* ----------------------------------------------------------------- search */

/**
 * A search text as the database compares it, or null when nothing is left
 * to search for (blank, or not a string). Longer texts are cut.
 */
export function searchText(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value
  if (typeof first !== 'string') return null
  const text = [...first.trim()].slice(0, SEARCH_MAX_LENGTH).join('').trim()
  return text === '' ? null : text
}

const TERMS = `(websearch_to_tsquery('simple', catalog_search_text(?)) || websearch_to_tsquery('arabic', catalog_search_text(?)))`

/**
 * The condition and the rank of a product for a search text, over
 * `products` (aliased `alias`): its words anywhere in the title, tags or
 * description (full text, Arabic stemmed), or a title close enough to the
 * text (trigrams: typos and partial words). The title counts most, then
 * tags, then the description; a close title adds its closeness.
 */
export function productSearch(text: string, alias = 'products') {
  const title = `catalog_search_text(${alias}.title)`
  return {
    where: `(${alias}.search_vector @@ ${TERMS} or catalog_search_text(?) <% ${title})`,
    whereBindings: [text, text, text],
    rank: `(ts_rank(${alias}.search_vector, ${TERMS}) + word_similarity(catalog_search_text(?), ${title}))`,
    rankBindings: [text, text, text],
  }
}

/* ------------------------------------------------------------- categories */

/**
 * The store's categories in tree order (each followed by its
 * sub-categories, siblings by position), with how many active products each
 * holds directly. A category whose parent is missing is shown at the top.
 */
export async function shopCategories(): Promise<ShopCategory[]> {
  const tenantId = currentTenant().id
  const result = await readAsTenant(
    `select c.id, c.parent_id, c.name, c.slug, c.updated_at,
              (select count(*)::int from products p
                where p.tenant_id = c.tenant_id and p.category_id = c.id and p.status = 'active'
              ) as product_count
         from categories c
        where c.tenant_id = ?
        order by c.position, c.name, c.id`,
    [tenantId]
  )
  return inTreeOrder(result.rows)
}

function inTreeOrder(rows: Record<string, any>[]): ShopCategory[] {
  const ids = new Set(rows.map((row) => row.id as string))
  const childrenOf = new Map<string | null, Record<string, any>[]>()
  for (const row of rows) {
    const parent = row.parent_id && ids.has(row.parent_id) ? (row.parent_id as string) : null
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), row])
  }
  const ordered: ShopCategory[] = []
  const visit = (parent: string | null, depth: number) => {
    for (const row of childrenOf.get(parent) ?? []) {
      ordered.push({
        id: row.id,
        name: row.name,
        slug: row.slug,
        parentId: row.parent_id,
        depth,
        productCount: Number(row.product_count),
        updatedAt: new Date(row.updated_at),
      })
      if (depth < 10) visit(row.id, depth + 1)
    }
  }
  visit(null, 0)
  return ordered
}

/** A category and every category under it, from `shopCategories()` */
export function categoryWithDescendants(categories: ShopCategory[], id: string): string[] {
  const found = new Set([id])
  for (const category of categories) {
    if (category.parentId && found.has(category.parentId)) found.add(category.id)
  }
  return [...found]
}

/* --------------------------------------------------------------- products */

const CARD_COLUMNS = `p.id, p.slug, p.title, p.currency, p.track_stock,
  cheapest.price_amount, cheapest.compare_at_amount, totals.highest, totals.in_stock,
  ${readyPicturesJson('p', 1)} as pictures`

const CARD_JOINS = `
  cross join lateral (
    select v.price_amount, v.compare_at_amount from product_variants v
     where v.tenant_id = p.tenant_id and v.product_id = p.id
     order by v.price_amount, v.position, v.id limit 1
  ) cheapest
  cross join lateral (
    select max(v.price_amount) as highest, bool_or(v.stock > 0) as in_stock from product_variants v
     where v.tenant_id = p.tenant_id and v.product_id = p.id
  ) totals`

const ORDERS: Record<ShopSort | 'rank', string> = {
  'newest': 'p.created_at desc, p.id',
  'price-asc': 'cheapest.price_amount asc, p.created_at desc, p.id',
  'price-desc': 'cheapest.price_amount desc, p.created_at desc, p.id',
  'rank': 'rank desc, p.created_at desc, p.id',
}

function toCard(row: Record<string, any>): ShopProductCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    currency: row.currency,
    price: BigInt(row.price_amount),
    compareAt: row.compare_at_amount === null ? null : BigInt(row.compare_at_amount),
    priceVaries: BigInt(row.highest) !== BigInt(row.price_amount),
    available: !row.track_stock || row.in_stock === true,
    picture: null,
  }
}

interface CardQuery {
  where: string
  bindings: StrictValues[]
  order: ShopSort | 'rank'
  rank?: { sql: string; bindings: StrictValues[] }
  page: number
  perPage: number
}

/**
 * One page of active products matching `where` and how many match, in one
 * statement: the offset is clamped to the last page in SQL, so a page past
 * the end shows the last one (as `paginate` says) without a second query.
 */
async function cardPage(query: CardQuery): Promise<ShopPage<ShopProductCard>> {
  const tenantId = currentTenant().id
  const rank = query.rank ? `, ${query.rank.sql} as rank` : ''
  const offset = (Math.max(1, query.page) - 1) * query.perPage
  const result = await readAsTenant(
    `with matching as (
       select p.tenant_id, p.id, p.slug, p.title, p.currency, p.track_stock, p.created_at${rank}
         from products p
        where p.tenant_id = ? and p.status = 'active' and ${query.where}
     ), total as (select count(*)::int as total from matching)
     select total.total, listed.* from total left join lateral (
       select ${CARD_COLUMNS} from matching p ${CARD_JOINS}
        order by ${ORDERS[query.order]}
        offset least(?::bigint, greatest(total.total - 1, 0) / ?::bigint * ?::bigint) limit ?
     ) listed on true`,
    [
      ...(query.rank?.bindings ?? []),
      tenantId,
      ...query.bindings,
      offset,
      query.perPage,
      query.perPage,
      query.perPage,
    ] as ReadBinding[]
  )
  const rows = result.rows as Record<string, any>[]
  const total = Number(rows[0]?.total ?? 0)
  const listed = rows.filter((row) => row.id !== null)
  const items = listed.map(toCard)
  for (const [index, row] of listed.entries()) {
    const [first] = await picturesOf(row.pictures)
    items[index].picture = first ?? null
  }
  return {
    items,
    pagination: paginate({ page: query.page, perPage: query.perPage }, total),
  }
}

/** The store's latest active products, newest first */
export async function featuredProducts(limit = 8): Promise<ShopProductCard[]> {
  const page = await cardPage({
    where: 'true',
    bindings: [],
    order: 'newest',
    page: 1,
    perPage: limit,
  })
  return page.items
}

/** A page of the active products filed under any of `categoryIds` */
export function productsInCategories(
  categoryIds: string[],
  options: { sort: ShopSort; page: number; perPage?: number }
) {
  return cardPage({
    where: 'p.category_id = any(?::uuid[])',
    bindings: [categoryIds],
    order: options.sort,
    page: options.page,
    perPage: options.perPage ?? SHOP_PAGE_SIZE,
  })
}

/** A page of the active products found for `text`, best match first */
export function searchProducts(text: string, options: { page: number; perPage?: number }) {
  const search = productSearch(text, 'p')
  return cardPage({
    where: search.where,
    bindings: search.whereBindings,
    order: 'rank',
    rank: { sql: search.rank, bindings: search.rankBindings },
    page: options.page,
    perPage: options.perPage ?? SHOP_PAGE_SIZE,
  })
}

/** An active product of the current store by its slug, with its variants and category, or null */
export async function shopProduct(slug: string): Promise<ShopProduct | null> {
  const result = await readAsTenant(
    `select p.id, p.slug, p.title, p.description, p.tags, p.currency, p.track_stock,
            p.option1_name, p.option2_name, p.option3_name, p.updated_at,
            c.name as category_name, c.slug as category_slug,
            coalesce((
              select json_agg(json_build_object(
                'id', v.id, 'option1', v.option1, 'option2', v.option2, 'option3', v.option3,
                'sku', v.sku, 'price', v.price_amount::text,
                'compareAt', v.compare_at_amount::text, 'stock', v.stock
              ) order by v.position, v.id)
              from product_variants v where v.tenant_id = p.tenant_id and v.product_id = p.id
            ), '[]'::json) as variants,
            ${readyPicturesJson('p')} as pictures
       from products p
       left join categories c on c.tenant_id = p.tenant_id and c.id = p.category_id
      where p.tenant_id = ? and p.slug = ? and p.status = 'active'`,
    [currentTenant().id, slug]
  )
  const row = result.rows[0] as Record<string, any> | undefined
  if (!row) return null
  const optionNames = [row.option1_name, row.option2_name, row.option3_name].filter(
    (name): name is string => typeof name === 'string'
  )
  const variants = (row.variants as Record<string, any>[]).map((variant): ShopVariant => {
    const values = [variant.option1, variant.option2, variant.option3]
      .slice(0, optionNames.length)
      .map((value) => String(value ?? ''))
    const stock = row.track_stock ? Number(variant.stock) : null
    return {
      id: variant.id,
      values,
      label: values.filter(Boolean).join(' / '),
      sku: variant.sku,
      price: BigInt(variant.price),
      compareAt: variant.compareAt === null ? null : BigInt(variant.compareAt),
      stock,
      available: stock === null || stock > 0,
    }
  })
  if (variants.length === 0) return null
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    tags: row.tags ?? [],
    currency: row.currency,
    optionNames,
    category: row.category_slug ? { name: row.category_name, slug: row.category_slug } : null,
    variants,
    pictures: await picturesOf(row.pictures),
    updatedAt: new Date(row.updated_at),
  }
}

/** Every category and active product of the store, with when each last changed */
export function sitemapEntries(): Promise<SitemapEntries> {
  return inUnitOfWork(async () => {
    const result = await currentClient().rawQuery(
      `select 'category' as kind, slug, updated_at from categories where tenant_id = ?
       union all
       select 'product', slug, updated_at from products where tenant_id = ? and status = 'active'
       order by kind, slug
       limit 50000`,
      [currentTenant().id, currentTenant().id]
    )
    const entries: SitemapEntries = { categories: [], products: [] }
    for (const row of result.rows as { kind: string; slug: string; updated_at: string }[]) {
      const entry = { slug: row.slug, updatedAt: new Date(row.updated_at) }
      if (row.kind === 'category') entries.categories.push(entry)
      else entries.products.push(entry)
    }
    return entries
  })
}
