import ProductVariant from '../models/product_variant.js'

/** At or below this many units a variant of an active product is running low */
export const LOW_STOCK_AT = 5
const SHOWN = 5

/**
 * The overview's low-stock panel: the variants of active products that
 * track stock and have at most LOW_STOCK_AT units, fewest first. One
 * statement.
 */
export async function lowStockOverview() {
  const variants = await ProductVariant.query()
    .join('products', (on) =>
      on
        .on('products.id', 'product_variants.product_id')
        .andOn('products.tenant_id', 'product_variants.tenant_id')
    )
    .where('products.status', 'active')
    .where('products.track_stock', true)
    .where('product_variants.stock', '<=', LOW_STOCK_AT)
    .orderBy('product_variants.stock', 'asc')
    .orderBy('products.title', 'asc')
    .limit(SHOWN)
    .select(
      'product_variants.id',
      'product_variants.product_id',
      'product_variants.option1',
      'product_variants.option2',
      'product_variants.option3',
      'product_variants.stock',
      'products.title as product_title'
    )
    .pojo<{
      id: string
      product_id: string
      option1: string | null
      option2: string | null
      option3: string | null
      stock: number
      product_title: string
    }>()
  return {
    threshold: LOW_STOCK_AT,
    variants: variants.map((row) => ({
      id: row.id,
      productId: row.product_id,
      title: row.product_title,
      variant: [row.option1, row.option2, row.option3].filter(Boolean).join(' / '),
      stock: Number(row.stock),
    })),
  }
}
