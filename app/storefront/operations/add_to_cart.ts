import { Invalid } from '#core/mod'
import { variantsForCart } from '#catalog/mod'
import { currentTenant, inUnitOfWork } from '#tenancy/mod'
import { cartStore } from '../services/cart_store.js'
import { priceCart, refuseBeyondStock } from '../services/cart_lines.js'
import { say } from '../orders_messages.js'

export interface CartChange {
  visitorId: string
  variantId: string
  quantity: number
}

/** The variant, if the current store sells it now; refused with a message otherwise */
async function sellableVariant(variantId: string) {
  const [variant] = await inUnitOfWork(() => variantsForCart([variantId]))
  if (!variant || !variant.active) {
    throw new Invalid(say('cart.errors.not_sold'), 'variantId')
  }
  return variant
}

/**
 * Puts units of a variant in the visitor's cart: only a variant this store
 * sells now, in the cart's currency, and no more than it has in stock.
 */
export default class AddToCart {
  async handle({ visitorId, variantId, quantity }: CartChange) {
    const variant = await sellableVariant(variantId)
    const cart = await priceCart(
      await cartStore.entries(visitorId),
      currentTenant().defaultCurrency
    )
    if (cart.lines.length && cart.currency !== variant.currency) {
      throw new Invalid(say('cart.errors.currency_mixed', { currency: cart.currency }), 'variantId')
    }
    const inCart = await cartStore.quantityOf(visitorId, variantId)
    refuseBeyondStock(variant, inCart + quantity)
    return cartStore.add(visitorId, variantId, quantity)
  }
}
