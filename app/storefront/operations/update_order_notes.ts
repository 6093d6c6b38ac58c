import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Order from '../models/order.js'
import { say } from '../orders_messages.js'

export interface UpdateOrderNotesInput {
  orderId: string
  notes: string
  actorUserId: string | null
}

/** The team's own notes on an order (never shown to the shopper) */
export default class UpdateOrderNotes {
  async handle(input: UpdateOrderNotesInput) {
    const order = await Order.query().where('id', input.orderId).forUpdate().first()
    if (!order) throw new NotFound(say('errors.not_found'))
    if (order.notes === input.notes) return order
    order.notes = input.notes
    await order.save()
    await emitter.emit('storefront:order_notes_changed', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      orderId: order.id,
      number: order.number,
      total: order.money(order.totalAmount),
    })
    return order
  }
}
