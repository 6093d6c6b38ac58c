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
 * Moves a variant's stock by `delta` and records why. One conditional
 * UPDATE does the arithmetic in PostgreSQL, so adjustments sent at once
 * queue on the row and each sees the stock the one before it left: stock
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
    const tenant = currentTenant()
    const result = await currentClient().rawQuery(
      `UPDATE product_variants
          SET stock = stock + ?, updated_at = now()
        WHERE tenant_id = ? AND id = ? AND stock + ? >= 0 AND stock + ? <= ?
        RETURNING stock`,
      [delta, tenant.id, input.variantId, delta, delta, MAX_STOCK]
    )
    const updated = result.rows[0] as { stock: number } | undefined
    const variant = await ProductVariant.query()
      .where('id', input.variantId)
      .preload('product')
      .first()
    if (!variant) throw new NotFound(say('errors.variant_not_found'))
    if (!updated) {
      throw new Invalid(
        delta < 0
          ? say('errors.stock_below_zero', { stock: variant.stock, delta: -delta })
          : say('errors.stock_too_large', { max: MAX_STOCK }),
        'delta'
      )
    }
    const movement = await StockMovement.create({
      variantId: variant.id,
      delta,
      reason: input.reason ?? 'adjustment',
      note: input.note ?? '',
      actorUserId: input.actorUserId,
      stockAfter: updated.stock,
    })
    await emitter.emit('catalog:stock_changed', {
      tenantId: tenant.id,
      actorUserId: input.actorUserId,
      productId: variant.productId,
      title: variant.product.title,
      variantId: variant.id,
      variantLabel: variant.label,
      delta,
      reason: movement.reason,
      stockAfter: updated.stock,
    })
    return { variant, movement, stock: updated.stock }
  }
}
