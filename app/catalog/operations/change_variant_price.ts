import emitter from '@adonisjs/core/services/emitter'
import { Invalid, NotFound, type Money } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import ProductVariant from '../models/product_variant.js'
import { say } from '../messages.js'

export interface ChangeVariantPriceInput {
  /** The member who changed it; null for the price optimizer or a command */
  actorUserId: string | null
  variantId: string
  /** In the product's currency */
  price: Money
  /** Left as it is when not given; null clears it */
  compareAt?: Money | null
}

export interface PriceChange {
  variantId: string
  productId: string
  oldPrice: Money
  newPrice: Money
  changed: boolean
}

/**
 * The one way a variant's price changes, whoever changes it: the product
 * form, the variants table, the price optimizer. The variant's row is
 * locked for the change, and `catalog:price_changed` carries the old and
 * the new price; setting the same price again changes nothing and says so.
 */
export default class ChangeVariantPrice {
  async handle(input: ChangeVariantPriceInput): Promise<PriceChange> {
    const variant = await ProductVariant.query()
      .where('id', input.variantId)
      .preload('product')
      .forUpdate()
      .first()
    if (!variant) throw new NotFound(say('errors.variant_not_found'))
    const currency = variant.product.currency
    for (const money of [input.price, input.compareAt]) {
      if (money && money.currency !== currency) {
        throw new Invalid(
          say('errors.currency_mismatch', { currency: money.currency, expected: currency }),
          'price'
        )
      }
      if (money && money.amount < 0n) {
        throw new Invalid(say('errors.amount_negative', { field: say('fields.price') }), 'price')
      }
    }
    const oldPrice: Money = { amount: variant.priceAmount, currency }
    const newPrice: Money = { amount: input.price.amount, currency }
    variant.priceAmount = newPrice.amount
    if (input.compareAt !== undefined) variant.compareAtAmount = input.compareAt?.amount ?? null
    const changed = oldPrice.amount !== newPrice.amount
    if (variant.$isDirty) await variant.save()
    if (changed) {
      await emitter.emit('catalog:price_changed', {
        tenantId: currentTenant().id,
        actorUserId: input.actorUserId,
        productId: variant.productId,
        title: variant.product.title,
        variantId: variant.id,
        variantLabel: variant.label,
        oldPrice,
        newPrice,
      })
    }
    return { variantId: variant.id, productId: variant.productId, oldPrice, newPrice, changed }
  }
}
