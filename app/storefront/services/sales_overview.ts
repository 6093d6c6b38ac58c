import db from '@adonisjs/lucid/services/db'
import { clock, type Money } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Order from '../models/order.js'
import { STATUS_TONES } from './orders_list.js'

const LATEST_ORDERS = 5
/** Orders that brought no money: not counted in the revenue */
const WITHOUT_REVENUE = ['cancelled', 'refunded']

interface Period {
  orders: number
  /** One amount per currency the store sold in, the store's own first */
  revenue: Money[]
}

/**
 * The overview's sales panel: orders placed and revenue (cancelled and
 * refunded orders left out) today and this week (from Monday, UTC), and the
 * latest orders. Two statements.
 */
export async function salesOverview() {
  const now = clock.now().toUTC()
  const today = now.startOf('day').toISO()
  const week = now.startOf('week').toISO()
  const rows: {
    currency: string
    today_orders: string
    week_orders: string
    today_revenue: string
    week_revenue: string
  }[] = await Order.query()
    .where('placed_at', '>=', week!)
    .groupBy('currency')
    .select('currency')
    .select(
      db.raw('count(*) filter (where placed_at >= ?) as today_orders', [today]),
      db.raw('count(*) as week_orders'),
      db.raw(
        'coalesce(sum(total_amount) filter (where placed_at >= ? and status not in (?, ?)), 0) as today_revenue',
        [today, ...WITHOUT_REVENUE]
      ),
      db.raw(
        'coalesce(sum(total_amount) filter (where status not in (?, ?)), 0) as week_revenue',
        WITHOUT_REVENUE
      )
    )
    .pojo()
  const storeCurrency = currentTenant().defaultCurrency
  const sorted = [...rows].sort(
    (a, b) => Number(b.currency === storeCurrency) - Number(a.currency === storeCurrency)
  )
  const period = (
    orders: 'today_orders' | 'week_orders',
    revenue: 'today_revenue' | 'week_revenue'
  ): Period => ({
    orders: sorted.reduce((sum, row) => sum + Number(row[orders]), 0),
    revenue: sorted.length
      ? sorted.map((row) => ({ amount: BigInt(row[revenue]), currency: row.currency }))
      : [{ amount: 0n, currency: storeCurrency }],
  })
  const latest = await Order.query().orderBy('placed_at', 'desc').limit(LATEST_ORDERS)
  return {
    today: period('today_orders', 'today_revenue'),
    week: period('week_orders', 'week_revenue'),
    latest: latest.map((order) => ({
      id: order.id,
      number: order.number,
      status: order.status,
      customerName: order.customerName,
      total: order.money(order.totalAmount),
      placedAt: order.placedAt,
    })),
    tones: STATUS_TONES,
  }
}
