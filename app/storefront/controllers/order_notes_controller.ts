import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { flashMessage, wantsJson } from '#core/mod'
import UpdateOrderNotes from '../operations/update_order_notes.js'
import { orderNotesValidator, submitOrderForm } from '../validators/orders_validators.js'
import { orderOrFail, renderOrder } from './orders_controller.js'
import { say } from '../orders_messages.js'

/** The team's notes on an order */
export default class OrderNotesController {
  async update(ctx: HttpContext) {
    const order = await orderOrFail(ctx.params.id)
    const saved = await submitOrderForm(ctx, {
      validator: orderNotesValidator,
      render: (form) => renderOrder(ctx, order, form),
      action: ({ notes }) =>
        new UpdateOrderNotes().handle({
          orderId: order.id,
          notes: notes ?? '',
          actorUserId: ctx.auth.user?.id ?? null,
        }),
    })
    if (wantsJson(ctx)) return { order: { id: saved.id, notes: saved.notes } }
    flashMessage(ctx, 'success', say('detail.notes_saved'))
    return ctx.response.redirect(`${router.makeUrl('orders.show', { id: saved.id })}#notes`)
  }
}
