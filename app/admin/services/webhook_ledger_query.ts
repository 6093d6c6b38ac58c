import { DateTime } from 'luxon'
import { listParams, parseListQuery, type ListQuery } from '#core/mod'
import { WEBHOOK_EVENT_STATUSES, type WebhookLedgerFilters } from '#billing/mod'

type LedgerFilter = 'provider' | 'status' | 'type' | 'q' | 'from' | 'to'

export const LEDGER_LIST_DEFAULTS = { sort: 'received', dir: 'desc', perPage: 50 } as const

export interface LedgerQuery {
  list: ListQuery<'received', LedgerFilter>
  filters: WebhookLedgerFilters
  /** The query string that reproduces this list, for the table's links */
  params: Record<string, string>
}

/** A calendar day written `YYYY-MM-DD` (what `<input type="date">` sends), at 00:00 UTC */
function dayOf(text: string | undefined) {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null
  const day = DateTime.fromISO(text, { zone: 'utc' })
  return day.isValid ? day : null
}

/**
 * `?provider&status&type&q&from&to&page` read against allow-lists: a value
 * that is not one (an unknown status, a date that is no date) is dropped, so
 * a hand-edited URL lists more rather than failing. `to` is inclusive.
 */
export function parseLedgerQuery(qs: Record<string, unknown>): LedgerQuery {
  const list = parseListQuery(qs, {
    sorts: ['received'] as const,
    defaultSort: LEDGER_LIST_DEFAULTS.sort,
    defaultDir: LEDGER_LIST_DEFAULTS.dir,
    perPage: LEDGER_LIST_DEFAULTS.perPage,
    perPageOptions: [20, 50, 100],
    filters: {
      provider: { maxLength: 24 },
      status: WEBHOOK_EVENT_STATUSES,
      type: { maxLength: 120 },
      q: { maxLength: 255 },
      from: { maxLength: 10 },
      to: { maxLength: 10 },
    },
  })
  // the ledger is only ever newest first
  list.dir = LEDGER_LIST_DEFAULTS.dir
  const from = dayOf(list.filters.from)
  const to = dayOf(list.filters.to)
  if (!from) delete list.filters.from
  if (!to) delete list.filters.to
  const filters: WebhookLedgerFilters = {
    provider: list.filters.provider,
    status: list.filters.status as WebhookLedgerFilters['status'],
    type: list.filters.type,
    eventId: list.filters.q,
    receivedFrom: from?.toJSDate(),
    receivedBefore: to?.plus({ days: 1 }).toJSDate(),
  }
  return { list, filters, params: listParams(list, LEDGER_LIST_DEFAULTS) }
}
