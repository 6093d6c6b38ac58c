import { Invalid, NotFound } from '#core/mod'
import { variantsForCart } from '#catalog/mod'
import { inUnitOfWork } from '#tenancy/mod'
import { MAX_QUANTITY, cartStore } from '../services/cart_store.js'
import { refuseBeyondStock } from '../services/cart_lines.js'
import type { CartChange } from './add_to_cart.js'
import { say } from '../orders_messages.js'

/** Sets how many of an item already in the cart; 0 takes it out */
export default class ChangeCartQuantity {
  async handle({ visitorId, variantId, quantity }: CartChange) {
    if ((await cartStore.quantityOf(visitorId, variantId)) === 0) {
      throw new NotFound(say('cart.errors.not_in_cart'))
    }
    if (quantity === 0) {
      await cartStore.remove(visitorId, [variantId])
      return 0
    }
    if (quantity > MAX_QUANTITY) {
      throw new Invalid(say('cart.errors.quantity_too_large', { max: MAX_QUANTITY }), 'quantity')
    }
    const [variant] = await inUnitOfWork(() => variantsForCart([variantId]))
    if (variant) refuseBeyondStock(variant, quantity)
    await cartStore.set(visitorId, variantId, quantity)
    return quantity
  }
}
