import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import {
  EMPTY_FORM,
  NotFound,
  listHref,
  listParams,
  wantsFragment,
  type FormState,
} from '#core/mod'
import Order, { ORDER_STATUSES } from '../models/order.js'
import OrderLine from '../models/order_line.js'
import {
  ORDER_LIST_DEFAULTS,
  listOrdersPage,
  parseOrderListQuery,
  STATUS_TONES,
} from '../services/orders_list.js'
import { orderView } from '../services/order_page.js'
import { say } from '../orders_messages.js'

const TABLE_ID = 'orders'

/** An order of the current store, or a 404: another store's id is simply not found */
export async function orderOrFail(id: string) {
  const order = await Order.find(id)
  if (!order) throw new NotFound(say('errors.not_found'))
  return order
}

/** The order's page in the dashboard, with a refused change shown beside its form */
export async function renderOrder(ctx: HttpContext, order: Order, form: FormState = EMPTY_FORM) {
  const lines = await OrderLine.query().where('order_id', order.id).orderBy('position', 'asc')
  return ctx.view.render('orders/show', {
    order: orderView(ctx, order, lines),
    tones: STATUS_TONES,
    form,
  })
}

/** The store's orders in the dashboard: the list and each order's page */
export default class OrdersController {
  async index(ctx: HttpContext) {
    const list = parseOrderListQuery(ctx.request.qs())
    const { orders, pagination } = await listOrdersPage(list)
    const path = router.makeUrl('orders.index')
    const params = listParams({ ...list, page: pagination.page }, ORDER_LIST_DEFAULTS)
    const filtered = Object.keys(list.filters).length > 0
    const locale = ctx.i18n.locale
    const state = {
      rows: orders.map((order) => ({
        id: order.id,
        number: order.number,
        status: order.status,
        customerName: order.customerName,
        email: order.email,
        total: order.money(order.totalAmount),
        placedAt: order.placedAt.toISO() ?? '',
        placedText: order.placedAt.setLocale(locale).toLocaleString({ dateStyle: 'medium' }),
      })),
      statuses: ORDER_STATUSES,
      tones: STATUS_TONES,
      table: {
        id: TABLE_ID,
        path,
        params,
        sort: list.sort,
        dir: list.dir,
        filters: list.filters,
        pagination,
        filtered,
        clearHref: listHref(path, {}),
      },
    }
    if (wantsFragment(ctx, TABLE_ID)) return ctx.view.render('orders/partials/orders_table', state)
    return ctx.view.render('orders/index', state)
  }

  async show(ctx: HttpContext) {
    return renderOrder(ctx, await orderOrFail(ctx.params.id))
  }
}
