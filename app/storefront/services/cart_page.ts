import type { HttpContext } from '@adonisjs/core/http'
import { formatMoney, type Money } from '#core/mod'
import { currentStoreSettings, currentTenant } from '#tenancy/mod'
import { cartStore } from './cart_store.js'
import { priceCart, type PricedCart } from './cart_lines.js'
import { visitorOf } from './cart_visitor.js'
import { discountOn } from './discount_amounts.js'
import { enteredDiscount } from './discount_rules.js'

/** The store's look and the shopping links every cart, checkout and order page carries */
export async function shopLayout(ctx: HttpContext, cartCount: number | null = null) {
  const settings = await currentStoreSettings()
  const base = ctx.storeMount?.basePath ?? ''
  const path = (to: string) => `${base}${to}` || '/'
  const cartLabel =
    cartCount && cartCount > 0
      ? ctx.i18n.t('orders.cart.nav_count', { count: cartCount })
      : ctx.i18n.t('orders.cart.nav')
  return {
    settings,
    shopPath: path,
    navigation: [
      { key: 'home', label: ctx.i18n.t('storefront.nav_home'), href: path('/') || '/' },
      { key: 'cart', label: cartLabel, href: path('/cart') },
    ],
  }
}

/** The visitor's cart priced now, and what was dropped from it because the catalog no longer has it */
export async function currentCart(ctx: HttpContext): Promise<PricedCart> {
  const visitorId = visitorOf(ctx)
  const cart = await priceCart(await cartStore.entries(visitorId), currentTenant().defaultCurrency)
  if (visitorId && cart.gone.length) await cartStore.remove(visitorId, cart.gone)
  return cart
}

export function moneyText(ctx: HttpContext) {
  return (value: Money) => formatMoney(value, ctx.i18n.locale)
}

export interface CartPageState {
  error?: string | null
  /** The variant just added, to say so */
  added?: string | null
  /** Why the discount code just typed (`discountTyped`) was refused */
  discountError?: string | null
  discountTyped?: string
}

/** The cart page (the same page answers htmx, which swaps its #cart) */
export async function renderCart(ctx: HttpContext, state: CartPageState = {}) {
  const cart = await currentCart(ctx)
  const added = state.added ? cart.lines.find((line) => line.variantId === state.added) : null
  const discount = cart.lines.length
    ? await enteredDiscount(
        await cartStore.discountCode(visitorOf(ctx)),
        cart.subtotal,
        ctx.i18n.locale
      )
    : null
  return ctx.view.render('storefront/cart/show', {
    discount,
    discountAmount: discount?.discount ? discountOn(cart.subtotal, discount.discount.rule) : null,
    discountError: state.discountError ?? null,
    discountTyped: state.discountTyped ?? '',
    ...(await shopLayout(ctx, cart.count)),
    cart,
    money: moneyText(ctx),
    error: state.error ?? null,
    added: added ?? null,
  })
}
