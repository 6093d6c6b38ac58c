import { Invalid } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import ProductVariant from '../models/product_variant.js'
import { recordStockMove, shiftStock } from './adjust_stock.js'
import type { StockLine } from './reserve_stock.js'
import { MAX_STOCK } from '../services/product_rules.js'
import { say } from '../messages.js'

export interface ReturnStockInput {
  /** The lines whose stock was taken (ReserveStock's `reserved`), with their quantities */
  lines: readonly StockLine[]
  actorUserId: string | null
  note?: string
}

/**
 * Puts the units of a cancelled order back on the shelf, inside the
 * caller's unit of work, recorded as 'cancellation'. Only give it lines
 * whose stock was taken: it returns them whether or not the product tracks
 * stock today. A variant deleted since is skipped (nothing to return to).
 */
export default class ReturnStock {
  async handle(input: ReturnStockInput): Promise<{ returned: string[] }> {
    currentTenant()
    const ids = [...new Set(input.lines.map((line) => line.variantId))]
    if (ids.length === 0) return { returned: [] }
    const found = await ProductVariant.query().whereIn('id', ids).preload('product')
    const variants = new Map(found.map((variant) => [variant.id, variant]))
    const lines = input.lines
      .filter((line) => variants.has(line.variantId))
      .sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0))
    const returned: string[] = []
    for (const line of lines) {
      if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) continue
      const stockAfter = await shiftStock(line.variantId, line.quantity)
      if (stockAfter === null) {
        throw new Invalid(say('errors.stock_too_large', { max: MAX_STOCK }), 'quantity')
      }
      await recordStockMove(
        variants.get(line.variantId)!,
        {
          delta: line.quantity,
          stockAfter,
          reason: 'cancellation',
          note: input.note ?? '',
        },
        input.actorUserId
      )
      returned.push(line.variantId)
    }
    return { returned }
  }
}
