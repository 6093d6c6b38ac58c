import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { flashMessage, wantsJson } from '#core/mod'
import ChangeOrderStatus from '../operations/change_order_status.js'
import { orderStatusValidator, submitOrderForm } from '../validators/orders_validators.js'
import { orderOrFail, renderOrder } from './orders_controller.js'
import { say } from '../orders_messages.js'

/** An order's status, moved along its flow from the order's page (paid, fulfilled, cancelled …) */
export default class OrderStatusesController {
  async update(ctx: HttpContext) {
    const order = await orderOrFail(ctx.params.id)
    const changed = await submitOrderForm(ctx, {
      validator: orderStatusValidator,
      render: (form) => renderOrder(ctx, order, form),
      action: ({ status }) =>
        new ChangeOrderStatus().handle({
          orderId: order.id,
          status,
          actorUserId: ctx.auth.user?.id ?? null,
        }),
    })
    if (wantsJson(ctx)) return { order: { id: changed.id, status: changed.status } }
    flashMessage(
      ctx,
      'success',
      say(`detail.changed.${changed.status}`, { number: changed.number })
    )
    return ctx.response.redirect(router.makeUrl('orders.show', { id: changed.id }))
  }
}
