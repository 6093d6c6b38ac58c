import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { currentTenant, inUnitOfWork } from '#tenancy/mod'
import Order from '../models/order.js'
import Visit from '../models/visit.js'

export type TouchModel = 'first' | 'last'

export interface ReportPeriod {
  /** The first day, from its start (UTC) */
  from: DateTime
  /** The last day, to its end (UTC) */
  to: DateTime
}

export interface AttributionRow {
  /** The source or campaign; null for orders whose shopper was never seen landing */
  key: string | null
  visits: number
  orders: number
  /** Orders per visit, as a fraction; null without visits */
  conversion: number | null
  revenue: bigint
}

export interface AttributionReport {
  currency: string
  bySource: AttributionRow[]
  byCampaign: AttributionRow[]
  totals: AttributionRow
}

/** Orders that count as sales: neither cancelled nor refunded */
const COUNTED = ['pending', 'paid', 'fulfilled']

interface Grouped {
  key: string | null
  count: string | number
  revenue?: string | number | null
}

function rowsOf(visits: Grouped[], orders: Grouped[]): AttributionRow[] {
  const rows = new Map<string | null, AttributionRow>()
  const rowFor = (key: string | null) => {
    let row = rows.get(key)
    if (!row) {
      row = { key, visits: 0, orders: 0, conversion: null, revenue: 0n }
      rows.set(key, row)
    }
    return row
  }
  for (const group of visits) rowFor(group.key).visits = Number(group.count)
  for (const group of orders) {
    const row = rowFor(group.key)
    row.orders = Number(group.count)
    row.revenue = BigInt(group.revenue ?? 0)
  }
  for (const row of rows.values()) row.conversion = row.visits ? row.orders / row.visits : null
  return [...rows.values()].sort(
    (a, b) =>
      (b.revenue > a.revenue ? 1 : b.revenue < a.revenue ? -1 : 0) ||
      b.visits - a.visits ||
      String(a.key ?? '\uffff').localeCompare(String(b.key ?? '\uffff'))
  )
}

/**
 * Visits, orders, conversion and revenue in the current store for a
 * period, by source and by campaign, with orders credited to their first
 * or their last touch. Visits count landings (the views that start a
 * visit). Revenue sums the orders in the store's currency that were not
 * cancelled or refunded.
 */
export async function attributionReport(
  period: ReportPeriod,
  model: TouchModel
): Promise<AttributionReport> {
  const currency = currentTenant().defaultCurrency
  const from = period.from.toUTC().startOf('day').toJSDate()
  const until = period.to.toUTC().plus({ days: 1 }).startOf('day').toJSDate()
  const prefix = model === 'first' ? 'first_touch' : 'last_touch'

  return inUnitOfWork(async () => {
    const visitsBy = (column: 'source' | 'campaign') =>
      Visit.query()
        .where('landing', true)
        .where('occurred_at', '>=', from)
        .where('occurred_at', '<', until)
        .if(column === 'campaign', (query) => query.whereNotNull('campaign'))
        .select(`${column} as key`)
        .count('* as count')
        .groupBy(column)
        .pojo<Grouped>()
    const ordersBy = (column: 'source' | 'campaign') =>
      Order.query()
        .whereIn('status', COUNTED)
        .where('placed_at', '>=', from)
        .where('placed_at', '<', until)
        .if(column === 'campaign', (query) => query.whereNotNull(`${prefix}_campaign`))
        .select(`${prefix}_${column} as key`)
        .count('* as count')
        .select(
          db.raw('coalesce(sum(total_amount) filter (where currency = ?), 0)::text as revenue', [
            currency,
          ])
        )
        .groupBy(`${prefix}_${column}`)
        .pojo<Grouped>()

    const [sourceVisits, sourceOrders, campaignVisits, campaignOrders] = [
      await visitsBy('source'),
      await ordersBy('source'),
      await visitsBy('campaign'),
      await ordersBy('campaign'),
    ]
    const bySource = rowsOf(sourceVisits, sourceOrders)
    const totals = bySource.reduce<AttributionRow>(
      (sum, row) => ({
        key: null,
        visits: sum.visits + row.visits,
        orders: sum.orders + row.orders,
        conversion: null,
        revenue: sum.revenue + row.revenue,
      }),
      { key: null, visits: 0, orders: 0, conversion: null, revenue: 0n }
    )
    totals.conversion = totals.visits ? totals.orders / totals.visits : null
    return { currency, bySource, byCampaign: rowsOf(campaignVisits, campaignOrders), totals }
  })
}
