import type { HttpContext } from '@adonisjs/core/http'
import type Order from '../models/order.js'
import { orderPath } from './order_links.js'
import { cardPaymentsConfigured } from './card_payments.js'

const ATTEMPTS = new Set(['done', 'cancelled', 'failed'])

/**
 * How a card order's page speaks of its payment: what the card is charged
 * and the rounding, how the last attempt went (`?payment=` on the way back
 * from Stripe or from a refused call), and where "pay now" opens a new
 * Checkout Session while the order is pending. Null for pay on delivery.
 */
export async function cardPaymentView(ctx: HttpContext, order: Order) {
  if (order.paymentMethod !== 'card') return null
  const charged = order.money(order.chargedAmount ?? order.totalAmount)
  const rounding = order.money(order.chargeRoundingAmount ?? 0n)
  const attempt = String(ctx.request.qs().payment ?? '')
  const payable = order.status === 'pending' && (await cardPaymentsConfigured())
  const page = orderPath(ctx.storeMount?.basePath ?? '', order.tenantId, order.id)
  return {
    charged,
    rounding,
    rounded: rounding.amount !== 0n,
    attempt: ATTEMPTS.has(attempt) ? attempt : null,
    payPath: payable ? `${page}/payment-sessions` : null,
  }
}
