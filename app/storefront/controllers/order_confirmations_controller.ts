import type { HttpContext } from '@adonisjs/core/http'
import { NotFound } from '#core/mod'
import { currentTenant, inUnitOfWork } from '#tenancy/mod'
import Order from '../models/order.js'
import OrderLine from '../models/order_line.js'
import { moneyText, shopLayout } from '../services/cart_page.js'
import { isOrderKey } from '../services/order_links.js'
import { orderView } from '../services/order_page.js'
import { cardPaymentView } from '../services/payment_page.js'
import { say } from '../orders_messages.js'

/** An order's page for its shopper, reached through the link with the order's key */
export default class OrderConfirmationsController {
  async show(ctx: HttpContext) {
    const { id, key } = ctx.params
    if (!isOrderKey(currentTenant().id, id, key)) throw new NotFound(say('errors.not_found'))
    return renderShopperOrder(ctx, id, ctx.request.qs().placed !== undefined)
  }
}

/** An order of the current store as its shopper sees it (confirmation or lookup) */
export async function renderShopperOrder(ctx: HttpContext, orderId: string, justPlaced = false) {
  const found = await inUnitOfWork(async () => {
    const order = await Order.find(orderId)
    if (!order) return null
    const lines = await OrderLine.query().where('order_id', order.id).orderBy('position', 'asc')
    return { order, lines }
  })
  if (!found) throw new NotFound(say('errors.not_found'))
  return ctx.view.render('storefront/orders/show', {
    ...(await shopLayout(ctx)),
    order: orderView(ctx, found.order, found.lines),
    card: await cardPaymentView(ctx, found.order),
    justPlaced,
    money: moneyText(ctx),
  })
}
