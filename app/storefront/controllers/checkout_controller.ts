import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { Conflict, EMPTY_FORM, Invalid, wantsJson, type FormState } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import PlaceOrder from '../operations/place_order.js'
import { cartStore } from '../services/cart_store.js'
import { visitorOf } from '../services/cart_visitor.js'
import { mailOrderPlaced } from '../services/order_mails.js'
import { orderPath } from '../services/order_links.js'
import { cardCharge, cardPaymentsConfigured } from '../services/card_payments.js'
import { payByCard } from './payment_sessions_controller.js'
import {
  checkoutValidator,
  formErrorsOf,
  refuseShopperForm,
  validateOrderForm,
} from '../validators/orders_validators.js'
import { say } from '../orders_messages.js'
import { currentCart, moneyText, shopLayout } from '../services/cart_page.js'
import { checkoutSettings } from '../services/checkout_settings.js'
import { checkoutTotals, taxRateText, type CheckoutTotals } from '../services/checkout_totals.js'
import { countryOptions } from '../services/checkout_countries.js'
import { DiscountWithdrawn, enteredDiscount } from '../services/discount_rules.js'

/**
 * The checkout page: the shopper's address and the order's totals as the
 * catalog and the store's settings stand now. The total shown travels with
 * the form (`expectedTotal`), so placing the order can tell when it moved.
 */
export async function renderCheckout(
  ctx: HttpContext,
  form: FormState = EMPTY_FORM,
  message: string | null = null
) {
  const cart = await currentCart(ctx)
  let totals: CheckoutTotals | null = null
  let problem: string | null = cart.lines.find((line) => line.problem)?.problem ?? null
  let discount = null
  if (cart.lines.length) {
    try {
      const priced = cart.lines
        .filter((line) => line.problem === null)
        .map((line) => ({ unitPrice: line.unitPrice, quantity: line.quantity }))
      const settings = await checkoutSettings()
      totals = checkoutTotals(priced, cart.currency, settings)
      discount = await enteredDiscount(
        await cartStore.discountCode(visitorOf(ctx)),
        totals.subtotal,
        ctx.i18n.locale
      )
      if (discount?.discount) {
        totals = checkoutTotals(priced, cart.currency, settings, discount.discount.rule)
      }
    } catch (error) {
      if (!(error instanceof Invalid)) throw error
      problem = error.message
    }
  }
  const shown = totals
  const cardPayments = shown && (await cardPaymentsConfigured())
  return ctx.view.render('storefront/checkout/show', {
    card: cardPayments ? cardCharge(shown.total) : null,
    ...(await shopLayout(ctx, cart.count)),
    cart,
    totals: shown,
    discount,
    discountError: form.errors.code ?? null,
    taxLabel: shown
      ? ctx.i18n.t(
          shown.pricesIncludeTax ? 'orders.totals.tax_included' : 'orders.totals.tax_added',
          { rate: taxRateText(shown.taxRateBp, ctx.i18n.locale) }
        )
      : '',
    form,
    message: message ?? (form.errors.cart || form.errors.expectedTotal || null),
    problem,
    countries: countryOptions(ctx.i18n.locale),
    money: moneyText(ctx),
  })
}

/**
 * The checkout: its page, and placing the order (one operation, one
 * transaction); the shopper then lands on the order's confirmation.
 */
export default class CheckoutController {
  async show(ctx: HttpContext) {
    return renderCheckout(ctx)
  }

  async store(ctx: HttpContext) {
    const refuse = (status: number, errors: Record<string, string>) =>
      refuseShopperForm(ctx, status, errors, (form) => renderCheckout(ctx, form), ['expectedTotal'])

    let payload
    try {
      payload = await validateOrderForm(ctx, checkoutValidator)
    } catch (error) {
      const errors = formErrorsOf(error)
      if (!errors) throw error
      return refuse(422, errors)
    }
    const visitorId = visitorOf(ctx)
    if (!visitorId) return refuse(422, { cart: say('checkout.errors.empty') })
    // held until the cart is emptied, so a second click finds it empty or held
    if (!(await cartStore.holdCheckout(visitorId))) {
      return refuse(409, { cart: say('checkout.errors.in_progress') })
    }

    let placed
    try {
      const entries = await cartStore.entries(visitorId)
      if (entries.length === 0) return refuse(422, { cart: say('checkout.errors.empty') })
      placed = await new PlaceOrder().handle({
        entries,
        shopper: {
          email: payload.email,
          fullName: payload.fullName,
          phone: payload.phone,
          country: payload.country,
          city: payload.city,
          addressLine1: payload.addressLine1,
          addressLine2: payload.addressLine2 ?? '',
          note: payload.note ?? '',
        },
        expectedTotal: BigInt(payload.expectedTotal),
        locale: ctx.i18n.locale,
        discountCode: await cartStore.discountCode(visitorId),
        paymentMethod: payload.payment,
      })
      await cartStore.clear(visitorId)
    } catch (error) {
      const errors = formErrorsOf(error)
      if (!errors) throw error
      // the page comes back with the total without the code, for the shopper to confirm
      if (error instanceof DiscountWithdrawn) await cartStore.removeDiscountCode(visitorId)
      return refuse(error instanceof Conflict ? 409 : 422, { cart: Object.values(errors)[0] })
    } finally {
      await cartStore.releaseCheckout(visitorId)
    }

    const { order, lines } = placed
    try {
      await mailOrderPlaced(order, lines)
    } catch (error) {
      // The order stands; the team sees it in the dashboard even when its mail could not be queued
      logger.error({ err: error, orderId: order.id }, 'order mails could not be queued')
    }
    const path = orderPath(ctx.storeMount?.basePath ?? '', currentTenant().id, order.id)
    const placedJson = {
      id: order.id,
      number: order.number,
      currency: order.currency,
      total: order.totalAmount.toString(),
      url: path,
    }
    if (order.paymentMethod === 'card') return payByCard(ctx, order.id, path, placedJson)
    if (wantsJson(ctx)) {
      ctx.response.status(201)
      return { order: placedJson }
    }
    return ctx.response.redirect().status(303).toPath(`${path}?placed`)
  }
}
