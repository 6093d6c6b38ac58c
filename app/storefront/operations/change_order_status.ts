import emitter from '@adonisjs/core/services/emitter'
import { Conflict, NotFound, clock } from '#core/mod'
import { ReturnStock } from '#catalog/mod'
import { currentTenant } from '#tenancy/mod'
import Order, { type OrderStatus } from '../models/order.js'
import OrderLine from '../models/order_line.js'
import { say } from '../orders_messages.js'

export interface ChangeOrderStatusInput {
  orderId: string
  status: OrderStatus
  actorUserId: string | null
}

const STAMPS = {
  paid: 'paidAt',
  fulfilled: 'fulfilledAt',
  cancelled: 'cancelledAt',
  refunded: 'refundedAt',
} as const

/**
 * Moves an order along its flow (pending → paid → fulfilled; cancelled or
 * refunded), only where ORDER_TRANSITIONS allows. The order's row is locked
 * first, so two members cancelling at once are served one after the other
 * and the second is told the order is already cancelled. An order that
 * never left (not fulfilled) gets its units back on the shelf when it is
 * cancelled or refunded, exactly once (`stock_returned`).
 */
export default class ChangeOrderStatus {
  async handle(input: ChangeOrderStatusInput) {
    const order = await Order.query().where('id', input.orderId).forUpdate().first()
    if (!order) throw new NotFound(say('errors.not_found'))
    const from = order.status
    const to = input.status
    if (from === to) {
      throw new Conflict(say('errors.already', { status: say(`statuses.${to}`) }), 'status')
    }
    if (!order.mayBecome(to) || !(to in STAMPS)) {
      throw new Conflict(
        say('errors.transition', { from: say(`statuses.${from}`), to: say(`statuses.${to}`) }),
        'status'
      )
    }

    const returnsStock =
      (to === 'cancelled' || to === 'refunded') && !order.fulfilledAt && !order.stockReturned
    if (returnsStock) {
      const lines = await OrderLine.query()
        .where('order_id', order.id)
        .where('stock_reserved', true)
        .orderBy('position', 'asc')
      await new ReturnStock().handle({
        lines: lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
        actorUserId: input.actorUserId,
        note: say('detail.stock_note', { number: order.number }),
      })
      order.stockReturned = true
    }
    order.status = to
    order[STAMPS[to as keyof typeof STAMPS]] = clock.now()
    await order.save()

    await emitter.emit(`storefront:order_${to as keyof typeof STAMPS}`, {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      orderId: order.id,
      number: order.number,
      total: order.money(order.totalAmount),
      from,
      stockReturned: returnsStock,
    })
    return order
  }
}
