import type { HttpContext } from '@adonisjs/core/http'
import { NotFound, wantsJson } from '#core/mod'
import { cartStore } from '../services/cart_store.js'
import { visitorOf } from '../services/cart_visitor.js'
import { currentCart, renderCart } from '../services/cart_page.js'
import { discountOn } from '../services/discount_amounts.js'
import { DiscountRefused, discountOrRefuse, refusalOf } from '../services/discount_rules.js'
import { cartDiscountValidator } from '../validators/discount_validators.js'
import { formErrorsOf, validateOrderForm } from '../validators/orders_validators.js'
import { renderCheckout } from './checkout_controller.js'
import { say } from '../orders_messages.js'

/**
 * The discount code of the shopper's cart: entered on the cart or the
 * checkout page (checked now, refused with the reason), or taken out. The
 * code is checked again, under lock, when the order is placed.
 */
export default class CartDiscountsController {
  async store(ctx: HttpContext) {
    const returnTo = ctx.request.input('returnTo') === 'checkout' ? 'checkout' : 'cart'
    const typed = String(ctx.request.input('code') ?? '').slice(0, 40)
    let answer
    try {
      const { code, email } = await validateOrderForm(ctx, cartDiscountValidator)
      const visitorId = visitorOf(ctx)
      const cart = await currentCart(ctx)
      if (!visitorId || cart.lines.length === 0) {
        throw new DiscountRefused('empty', say('discounts.errors.empty_cart'))
      }
      const discount = await discountOrRefuse(code)
      const refusal = await refusalOf(discount, cart.subtotal, {
        email: email ?? null,
        locale: ctx.i18n.locale,
      })
      if (refusal) throw new DiscountRefused(refusal.reason, refusal.message)
      await cartStore.setDiscountCode(visitorId, discount.code)
      answer = { code: discount.code, amount: discountOn(cart.subtotal, discount.rule) }
    } catch (error) {
      const errors = formErrorsOf(error)
      if (!errors) throw error
      const message = Object.values(errors)[0]
      if (wantsJson(ctx)) {
        return ctx.response.status(422).send({
          errors: [{ field: 'code', message }],
          reason: error instanceof DiscountRefused ? error.reason : 'invalid',
        })
      }
      ctx.response.status(422)
      if (returnTo === 'checkout') {
        return renderCheckout(ctx, { errors: { code: message }, old: { code: typed } })
      }
      return renderCart(ctx, { discountError: message, discountTyped: typed })
    }
    if (wantsJson(ctx)) {
      return {
        discount: {
          code: answer.code,
          currency: answer.amount.currency,
          amount: answer.amount.amount.toString(),
        },
      }
    }
    return back(ctx, returnTo)
  }

  async destroy(ctx: HttpContext) {
    const returnTo = ctx.request.input('returnTo') === 'checkout' ? 'checkout' : 'cart'
    const visitorId = visitorOf(ctx)
    if (!visitorId || !(await cartStore.discountCode(visitorId))) {
      throw new NotFound(say('discounts.errors.none_entered'))
    }
    await cartStore.removeDiscountCode(visitorId)
    if (wantsJson(ctx)) return { discount: null }
    return back(ctx, returnTo)
  }
}

function back(ctx: HttpContext, to: 'cart' | 'checkout') {
  const base = ctx.storeMount?.basePath ?? ''
  return ctx.response.redirect().status(303).toPath(`${base}/${to}`)
}
