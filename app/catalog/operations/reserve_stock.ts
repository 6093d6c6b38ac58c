import { Conflict, NotFound } from '#core/mod'
import { currentClient, currentTenant } from '#tenancy/mod'
import ProductVariant from '../models/product_variant.js'
import { recordStockMove, shiftStock } from './adjust_stock.js'
import { say } from '../messages.js'

export interface StockLine {
  variantId: string
  /** Whole units, 1 or more */
  quantity: number
}

export interface ReserveStockInput {
  lines: readonly StockLine[]
  actorUserId: string | null
  /** Said on each movement ("Order #12") */
  note?: string
}

/** A line that could not be taken: how many its variant has left right now */
export class OutOfStock extends Conflict {
  constructor(
    public variantId: string,
    public available: number,
    public requested: number
  ) {
    super(say('errors.stock_below_zero', { stock: available, delta: requested }), 'quantity')
  }
}

/** The variants of `lines` with their products, or NotFound naming none of them */
export async function variantsOfLines(lines: readonly StockLine[]) {
  const ids = [...new Set(lines.map((line) => line.variantId))]
  const variants = await ProductVariant.query().whereIn('id', ids).preload('product')
  if (variants.length !== ids.length) throw new NotFound(say('errors.variant_not_found'))
  return new Map(variants.map((variant) => [variant.id, variant]))
}

/**
 * Takes the units of an order off the shelf, all lines or none, inside the
 * caller's unit of work. Each line is one conditional UPDATE (`shiftStock`),
 * so checkouts racing for the last units queue on the row and never take
 * more than there is; lines go in variant-id order, so two checkouts never
 * wait on each other in a circle. A refused line undoes the lines before it
 * (a savepoint) and raises OutOfStock. Products that do not track stock are
 * left alone. Returns the ids of the variants whose stock was taken.
 */
export default class ReserveStock {
  async handle(input: ReserveStockInput): Promise<{ reserved: string[] }> {
    currentTenant()
    const client = currentClient()
    const variants = await variantsOfLines(input.lines)
    const tracked = [...input.lines]
      .filter((line) => variants.get(line.variantId)!.product.trackStock)
      .sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0))
    const moves: { variant: ProductVariant; delta: number; stockAfter: number }[] = []

    await client.rawQuery('SAVEPOINT reserve_stock')
    for (const line of tracked) {
      if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
        await client.rawQuery('ROLLBACK TO SAVEPOINT reserve_stock')
        throw new OutOfStock(line.variantId, variants.get(line.variantId)!.stock, line.quantity)
      }
      const stockAfter = await shiftStock(line.variantId, -line.quantity)
      if (stockAfter === null) {
        await client.rawQuery('ROLLBACK TO SAVEPOINT reserve_stock')
        const now = await ProductVariant.query().where('id', line.variantId).select('stock').first()
        throw new OutOfStock(line.variantId, now?.stock ?? 0, line.quantity)
      }
      moves.push({ variant: variants.get(line.variantId)!, delta: -line.quantity, stockAfter })
    }
    await client.rawQuery('RELEASE SAVEPOINT reserve_stock')

    for (const move of moves) {
      await recordStockMove(
        move.variant,
        { delta: move.delta, stockAfter: move.stockAfter, reason: 'sale', note: input.note ?? '' },
        input.actorUserId
      )
    }
    return { reserved: moves.map((move) => move.variant.id) }
  }
}
