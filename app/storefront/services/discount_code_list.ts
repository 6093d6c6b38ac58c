import { DateTime } from 'luxon'
import { clock, formatMoney, money, paginate, parseListQuery, type ListQuery } from '#core/mod'
import DiscountCode from '../models/discount_code.js'
import { say } from '../orders_messages.js'

export const DISCOUNT_SORTS = ['code', 'created', 'used'] as const
export type DiscountSort = (typeof DISCOUNT_SORTS)[number]
export type DiscountListQuery = ListQuery<DiscountSort, 'q'>
export const DISCOUNT_LIST_DEFAULTS = { sort: 'created', dir: 'desc', perPage: 20 } as const

export function parseDiscountListQuery(qs: Record<string, unknown>): DiscountListQuery {
  return parseListQuery(qs, {
    sorts: DISCOUNT_SORTS,
    defaultSort: DISCOUNT_LIST_DEFAULTS.sort,
    defaultDir: DISCOUNT_LIST_DEFAULTS.dir,
    perPage: DISCOUNT_LIST_DEFAULTS.perPage,
    filters: { q: { maxLength: 40 } },
  })
}

/** One page of the current store's codes, filtered by part of the code */
export async function listDiscountCodesPage(list: DiscountListQuery) {
  const filtered = () => {
    const query = DiscountCode.query()
    const q = list.filters.q
    if (q) query.whereILike('code', `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`)
    return query
  }
  const [counted] = await filtered().count('* as total')
  const pagination = paginate(list, Number(counted?.$extras.total ?? 0))
  const dir = list.dir === 'asc' ? 'asc' : 'desc'
  const query = filtered()
  if (list.sort === 'code') query.orderBy('code', dir)
  if (list.sort === 'used') query.orderBy('times_used', dir).orderBy('code', 'asc')
  if (list.sort === 'created') query.orderBy('created_at', dir).orderBy('code', 'asc')
  const discounts = await query.offset(pagination.offset).limit(pagination.perPage)
  return { discounts, pagination }
}

const dayText = (date: DateTime, locale: string) =>
  date.toUTC().setLocale(locale).toLocaleString(DateTime.DATE_MED)

/** Whether a code may be used now, as the list shows it */
export function discountState(discount: DiscountCode) {
  const now = clock.now()
  if (!discount.active) return 'inactive'
  if (now < discount.startsAt) return 'scheduled'
  if (discount.endsAt && now >= discount.endsAt) return 'expired'
  if (discount.usageLimit !== null && discount.timesUsed >= discount.usageLimit) return 'used_up'
  return 'live'
}

/** A code as the dashboard lists it: what it takes off, its days and uses, in the viewer's words */
export function discountCodeRow(discount: DiscountCode, locale: string) {
  const value =
    discount.kind === 'percentage'
      ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
          (discount.percentageBp ?? 0) / 10_000
        )
      : formatMoney(money(discount.fixedAmount ?? 0n, discount.currency), locale)
  return {
    id: discount.id,
    code: discount.code,
    kind: discount.kind,
    value,
    minimum: discount.minimumOrderAmount > 0n ? formatMoney(discount.minimumOrder, locale) : null,
    starts: dayText(discount.startsAt, locale),
    ends: discount.endsAt ? dayText(discount.endsAt.minus({ days: 1 }), locale) : null,
    timesUsed: discount.timesUsed,
    usageLimit: discount.usageLimit,
    uses:
      discount.usageLimit === null
        ? String(discount.timesUsed)
        : say('discounts.list.uses_of', { used: discount.timesUsed, limit: discount.usageLimit }),
    active: discount.active,
    state: discountState(discount),
  }
}
