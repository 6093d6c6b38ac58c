import type { HttpContext } from '@adonisjs/core/http'
import { Invalid, afterCursor, nextCursorOf, readCursorPage } from '#core/mod'
import Order, { ORDER_STATUSES, type OrderStatus } from '../../models/order.js'
import OrderLine from '../../models/order_line.js'
import { orderOrFail } from '../orders_controller.js'
import { orderShape, orderSummaryShape } from '../../services/order_api_shape.js'
import { say } from '../../orders_messages.js'

const EMAIL = /^[^\s@]{1,128}@[^\s@]{1,125}$/

function listFilters(qs: Record<string, unknown>) {
  const { status, email } = qs
  if (status !== undefined && !ORDER_STATUSES.includes(status as OrderStatus)) {
    throw new Invalid(say('errors.api_status', { statuses: ORDER_STATUSES.join(', ') }), 'status')
  }
  if (email !== undefined && !(typeof email === 'string' && EMAIL.test(email))) {
    throw new Invalid(say('errors.api_email'), 'email')
  }
  return { status: status as OrderStatus | undefined, email: email as string | undefined }
}

export async function orderWithLines(id: string) {
  const order = await orderOrFail(id)
  const lines = await OrderLine.query().where('order_id', order.id).orderBy('position', 'asc')
  return orderShape(order, lines)
}

/** `/api/v1/orders` for integrations, on API tokens (`orders:read`): the store's orders */
export default class ApiOrdersController {
  async index({ request }: HttpContext) {
    const page = readCursorPage(request.qs())
    const filters = listFilters(request.qs())
    const query = Order.query()
    if (filters.status) query.where('status', filters.status)
    // Shoppers type their address in any case: the filter matches it whatever its case
    if (filters.email) query.whereRaw('lower(email) = ?', [filters.email.trim().toLowerCase()])
    const rows = await afterCursor(query, page)
    return {
      data: rows.slice(0, page.limit).map(orderSummaryShape),
      nextCursor: nextCursorOf(rows, page),
    }
  }

  async show({ params }: HttpContext) {
    return { data: await orderWithLines(params.id) }
  }
}
