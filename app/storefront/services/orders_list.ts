import { paginate, parseListQuery, type ListQuery } from '#core/mod'
import Order, { ORDER_STATUSES } from '../models/order.js'

/** The badge tone of each status, wherever orders are listed */
export const STATUS_TONES: Record<string, string> = {
  pending: 'warning',
  paid: 'info',
  fulfilled: 'success',
  cancelled: 'neutral',
  refunded: 'danger',
}

export const ORDER_SORTS = ['number', 'placed', 'total'] as const
export type OrderSort = (typeof ORDER_SORTS)[number]
export type OrderListQuery = ListQuery<OrderSort, 'q' | 'status'>
export const ORDER_LIST_DEFAULTS = { sort: 'placed', dir: 'desc', perPage: 20 } as const

/** The list's `?q&status&sort&dir&page&perPage`, bad values replaced by the defaults */
export function parseOrderListQuery(qs: Record<string, unknown>): OrderListQuery {
  return parseListQuery(qs, {
    sorts: ORDER_SORTS,
    defaultSort: ORDER_LIST_DEFAULTS.sort,
    defaultDir: ORDER_LIST_DEFAULTS.dir,
    perPage: ORDER_LIST_DEFAULTS.perPage,
    filters: { q: { maxLength: 254 }, status: ORDER_STATUSES },
  })
}

/** `%`, `_` and `\` taken literally in a LIKE pattern */
function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

/**
 * One page of the current store's orders, filtered by status and by a
 * text that is an order number ("12", "#12") or part of the shopper's email
 * or name.
 */
export async function listOrdersPage(list: OrderListQuery) {
  const filtered = () => {
    const query = Order.query()
    if (list.filters.status) query.where('status', list.filters.status)
    const q = list.filters.q
    if (q) {
      const number = /^#?\s*(\d{1,9})$/.exec(q)
      query.where((match) => {
        if (number) match.where('number', Number(number[1]))
        match.orWhereILike('email', likePattern(q)).orWhereILike('customer_name', likePattern(q))
      })
    }
    return query
  }
  const [counted] = await filtered().count('* as total')
  const pagination = paginate(list, Number(counted?.$extras.total ?? 0))
  const dir = list.dir === 'asc' ? 'asc' : 'desc'
  const query = filtered()
  if (list.sort === 'number') query.orderBy('number', dir)
  if (list.sort === 'total') query.orderBy('total_amount', dir).orderBy('number', 'desc')
  if (list.sort === 'placed') query.orderBy('placed_at', dir).orderBy('number', dir)
  const orders = await query.offset(pagination.offset).limit(pagination.perPage)
  return { orders, pagination }
}
