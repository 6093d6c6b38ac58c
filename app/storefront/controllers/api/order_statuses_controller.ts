import type { HttpContext } from '@adonisjs/core/http'
import { Conflict, Invalid } from '#core/mod'
import ChangeOrderStatus from '../../operations/change_order_status.js'
import { orderStatusValidator, validateOrderForm } from '../../validators/orders_validators.js'
import { orderOrFail } from '../orders_controller.js'
import { orderWithLines } from './orders_controller.js'

/**
 * `PUT /api/v1/orders/:id/status` (`orders:write`): the order moved along
 * its flow by the dashboard's operation. A move the flow does not allow is
 * a request to fix (422), as the dashboard's form answers it.
 */
export default class ApiOrderStatusesController {
  async update(ctx: HttpContext) {
    const order = await orderOrFail(ctx.params.id)
    const { status } = await validateOrderForm(ctx, orderStatusValidator)
    try {
      await new ChangeOrderStatus().handle({
        orderId: order.id,
        status,
        actorUserId: ctx.apiCaller.user.id,
      })
    } catch (error) {
      if (error instanceof Conflict) throw new Invalid(error.message, error.field)
      throw error
    }
    return { data: await orderWithLines(order.id) }
  }
}
