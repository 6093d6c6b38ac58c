import type { HttpContext } from '@adonisjs/core/http'
import { validate } from '#core/mod'
import UpdateOrderNotes from '../../operations/update_order_notes.js'
import { apiOrderNotesValidator } from '../../validators/order_api_validators.js'
import { orderOrFail } from '../orders_controller.js'
import { orderWithLines } from './orders_controller.js'

/** `PUT /api/v1/orders/:id/notes` (`orders:write`): the team's notes, never shown to the shopper */
export default class ApiOrderNotesController {
  async update(ctx: HttpContext) {
    const order = await orderOrFail(ctx.params.id)
    const { notes } = await validate(ctx, apiOrderNotesValidator)
    await new UpdateOrderNotes().handle({
      orderId: order.id,
      notes: notes ?? '',
      actorUserId: ctx.apiCaller.user.id,
    })
    return { data: await orderWithLines(order.id) }
  }
}
