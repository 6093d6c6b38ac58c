import type { HttpContext } from '@adonisjs/core/http'
import { NotFound, wantsJson } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import OpenPaymentSession from '../operations/open_payment_session.js'
import { CardPaymentUnavailable, sayCard } from '../services/card_payments.js'
import { isOrderKey, orderPath } from '../services/order_links.js'
import { say } from '../orders_messages.js'

/**
 * Off to Stripe Checkout for `order` (303 to the session), or, when Stripe
 * cannot be reached or refuses, back to the order's page, which says so
 * and offers to try again: the order stands pending either way.
 * `orderPage` is the order's page under the store's mount; `placed`, the
 * order just placed, as the checkout's JSON callers get it.
 */
export async function payByCard(
  ctx: HttpContext,
  orderId: string,
  orderPage: string,
  placed: Record<string, unknown> | null = null
) {
  let url: string | null = null
  try {
    url = await new OpenPaymentSession().handle({ orderId })
  } catch (error) {
    if (!(error instanceof CardPaymentUnavailable)) throw error
  }
  if (wantsJson(ctx)) {
    const order = placed ? { order: placed } : {}
    if (url) return ctx.response.status(201).send({ ...order, payment: { url } })
    return ctx.response.status(503).send({
      ...order,
      errors: [{ field: 'payment', message: sayCard('errors.stripe_down') }],
    })
  }
  if (url) return ctx.response.redirect().status(303).toPath(url)
  const query = placed ? '?placed&payment=failed' : '?payment=failed'
  return ctx.response.redirect().status(303).toPath(`${orderPage}${query}`)
}

/**
 * A new Stripe Checkout Session for a shopper's pending card order ("pay
 * now", after a cancelled or failed attempt), authorised like the order's
 * page: by the key in its link.
 */
export default class PaymentSessionsController {
  async store(ctx: HttpContext) {
    const { id, key } = ctx.params
    const tenantId = currentTenant().id
    if (!isOrderKey(tenantId, id, key)) throw new NotFound(say('errors.not_found'))
    const page = orderPath(ctx.storeMount?.basePath ?? '', tenantId, id)
    return payByCard(ctx, id, page)
  }
}
