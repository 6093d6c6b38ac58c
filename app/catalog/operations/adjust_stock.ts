import emitter from '@adonisjs/core/services/emitter'
import { Invalid, NotFound } from '#core/mod'
import { currentClient, currentTenant } from '#tenancy/mod'
import ProductVariant from '../models/product_variant.js'
import StockMovement, { type StockReason } from '../models/stock_movement.js'
import { MAX_STOCK, MAX_STOCK_DELTA } from '../services/product_rules.js'
import { say } from '../messages.js'

export interface AdjustStockInput {
  actorUserId: string | null
  variantId: string
  /** Units added (positive) or taken away (negative); never 0 */
  delta: number
  note?: string
  reason?: Exclude<StockReason, 'initial'>
}

/**
 * The one conditional UPDATE every stock change goes through: PostgreSQL
 * does the arithmetic, so changes sent at once queue on the row and each
 * sees the stock the one before it left. Returns the stock after, or null
 * (nothing written) when the change would leave 0..MAX_STOCK.
 */
export async function shiftStock(variantId: string, delta: number): Promise<number | null> {
  const result = await currentClient().rawQuery(
    `UPDATE product_variants
        SET stock = stock + ?, updated_at = now()
      WHERE tenant_id = ? AND id = ? AND stock + ? >= 0 AND stock + ? <= ?
      RETURNING stock`,
    [delta, currentTenant().id, variantId, delta, delta, MAX_STOCK]
  )
  const updated = result.rows[0] as { stock: number } | undefined
  return updated ? updated.stock : null
}

/** Writes why a variant's stock moved and tells the store (`catalog:stock_changed`) */
export async function recordStockMove(
  variant: ProductVariant,
  move: { delta: number; stockAfter: number; reason: StockReason; note: string },
  actorUserId: string | null
) {
  const movement = await StockMovement.create({
    variantId: variant.id,
    delta: move.delta,
    reason: move.reason,
    note: move.note,
    actorUserId,
    stockAfter: move.stockAfter,
  })
  await emitter.emit('catalog:stock_changed', {
    tenantId: currentTenant().id,
    actorUserId,
    productId: variant.productId,
    title: variant.product.title,
    variantId: variant.id,
    variantLabel: variant.label,
    delta: move.delta,
    reason: movement.reason,
    stockAfter: move.stockAfter,
  })
  return movement
}

/**
 * Moves a variant's stock by `delta` and records why (`shiftStock`): stock
 * never goes below zero, and a refused adjustment writes nothing.
 */
export default class AdjustStock {
  async handle(input: AdjustStockInput) {
    const { delta } = input
    if (!Number.isSafeInteger(delta) || delta === 0) {
      throw new Invalid(say('errors.delta_zero'), 'delta')
    }
    if (Math.abs(delta) > MAX_STOCK_DELTA) {
      throw new Invalid(say('errors.delta_too_large', { max: MAX_STOCK_DELTA }), 'delta')
    }
    const stock = await shiftStock(input.variantId, delta)
    const variant = await ProductVariant.query()
      .where('id', input.variantId)
      .preload('product')
      .first()
    if (!variant) throw new NotFound(say('errors.variant_not_found'))
    if (stock === null) {
      throw new Invalid(
        delta < 0
          ? say('errors.stock_below_zero', { stock: variant.stock, delta: -delta })
          : say('errors.stock_too_large', { max: MAX_STOCK }),
        'delta'
      )
    }
    const movement = await recordStockMove(
      variant,
      { delta, stockAfter: stock, reason: input.reason ?? 'adjustment', note: input.note ?? '' },
      input.actorUserId
    )
    return { variant, movement, stock }
  }
}
