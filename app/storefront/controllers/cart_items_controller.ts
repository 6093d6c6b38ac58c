import type { HttpContext } from '@adonisjs/core/http'
import { NotFound, isHtmx, wantsJson } from '#core/mod'
import AddToCart from '../operations/add_to_cart.js'
import ChangeCartQuantity from '../operations/change_cart_quantity.js'
import { cartStore } from '../services/cart_store.js'
import { ensureVisitor, visitorOf } from '../services/cart_visitor.js'
import { currentCart, renderCart } from '../services/cart_page.js'
import {
  cartItemValidator,
  cartQuantityValidator,
  formErrorsOf,
  validateOrderForm,
} from '../validators/orders_validators.js'
import { say } from '../orders_messages.js'

/**
 * Items in the cart: added from a product page, their quantity changed or
 * taken out from the cart page. A plain form is answered with a redirect to
 * the cart; htmx gets the cart page, whose #cart it swaps in; a refusal is
 * the cart page with the reason, answered 4xx.
 */
export default class CartItemsController {
  async store(ctx: HttpContext) {
    return answer(ctx, async () => {
      const { variantId, quantity } = await validateOrderForm(ctx, cartItemValidator)
      const visitorId = ensureVisitor(ctx)
      await new AddToCart().handle({ visitorId, variantId, quantity: quantity ?? 1 })
      return variantId
    })
  }

  async update(ctx: HttpContext) {
    return answer(ctx, async () => {
      const visitorId = inCart(ctx)
      const { quantity } = await validateOrderForm(ctx, cartQuantityValidator)
      await new ChangeCartQuantity().handle({
        visitorId,
        variantId: ctx.params.variantId,
        quantity,
      })
      return null
    })
  }

  async destroy(ctx: HttpContext) {
    return answer(ctx, async () => {
      const visitorId = inCart(ctx)
      if ((await cartStore.quantityOf(visitorId, ctx.params.variantId)) === 0) {
        throw new NotFound(say('cart.errors.not_in_cart'))
      }
      await cartStore.remove(visitorId, [ctx.params.variantId])
      return null
    })
  }
}

/** The visitor whose cart holds the item of the URL, or a 404 that says it is not there */
function inCart(ctx: HttpContext) {
  const visitorId = visitorOf(ctx)
  if (!visitorId) throw new NotFound(say('cart.errors.not_in_cart'))
  return visitorId
}

async function answer(ctx: HttpContext, change: () => Promise<string | null>) {
  let added: string | null
  try {
    added = await change()
  } catch (error) {
    const notInCart = error instanceof NotFound
    const errors = notInCart ? { variantId: error.message } : formErrorsOf(error)
    if (!errors) throw error
    const status = notInCart ? 404 : 422
    const message = Object.values(errors)[0]
    if (wantsJson(ctx)) {
      return ctx.response
        .status(status)
        .send({ errors: Object.entries(errors).map(([field, text]) => ({ field, message: text })) })
    }
    ctx.response.status(status)
    return renderCart(ctx, { error: message })
  }
  if (wantsJson(ctx)) {
    const cart = await currentCart(ctx)
    return {
      cart: {
        count: cart.count,
        currency: cart.currency,
        subtotal: cart.subtotal.amount.toString(),
        lines: cart.lines.map((line) => ({
          variantId: line.variantId,
          title: line.title,
          label: line.label,
          quantity: line.quantity,
          unitPrice: line.unitPrice.amount.toString(),
          lineTotal: line.lineTotal.amount.toString(),
          problem: line.problem,
        })),
      },
    }
  }
  if (isHtmx(ctx)) return renderCart(ctx, { added })
  const base = ctx.storeMount?.basePath ?? ''
  return ctx.response
    .redirect()
    .status(303)
    .toPath(`${base}/cart${added ? `?added=${encodeURIComponent(added)}` : ''}`)
}
