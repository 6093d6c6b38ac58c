import { paginate, type Pagination } from '#core/mod'
import WebhookEvent, { type WebhookEventStatus } from '../models/webhook_event.js'

export const WEBHOOK_EVENT_STATUSES: readonly WebhookEventStatus[] = [
  'received',
  'processed',
  'failed',
  'ignored',
]

/** What an operator may narrow the ledger by; every field already checked by the caller */
export interface WebhookLedgerFilters {
  provider?: string
  status?: WebhookEventStatus
  /** A type, or its start (`customer.subscription.`) */
  type?: string
  /** Part of the provider's event id */
  eventId?: string
  /** Received on or after this instant */
  receivedFrom?: Date
  /** Received before this instant */
  receivedBefore?: Date
}

/** One ledger row as the operators' pages show it: plain values, no model */
export interface WebhookLedgerRow {
  id: string
  provider: string
  eventId: string
  type: string
  status: WebhookEventStatus
  attempts: number
  lastError: string | null
  receivedAt: Date
  processedAt: Date | null
}

export interface WebhookLedgerEntry extends WebhookLedgerRow {
  payload: unknown
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `%`, `_` and `\` taken literally in a LIKE pattern */
function literally(text: string) {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}

function rowOf(event: WebhookEvent): WebhookLedgerRow {
  return {
    id: event.id,
    provider: event.provider,
    eventId: event.eventId,
    type: event.type,
    status: event.status,
    attempts: event.attempts,
    lastError: event.lastError,
    receivedAt: event.receivedAt.toJSDate(),
    processedAt: event.processedAt?.toJSDate() ?? null,
  }
}

function filteredLedger(filters: WebhookLedgerFilters) {
  const query = WebhookEvent.query()
  if (filters.provider) query.where('provider', filters.provider)
  if (filters.status) query.where('status', filters.status)
  if (filters.type) query.whereILike('type', `${literally(filters.type)}%`)
  if (filters.eventId) query.whereILike('event_id', `%${literally(filters.eventId)}%`)
  if (filters.receivedFrom) query.where('received_at', '>=', filters.receivedFrom)
  if (filters.receivedBefore) query.where('received_at', '<', filters.receivedBefore)
  return query
}

/**
 * One page of the webhook ledger, newest first, for platform admins: the
 * ledger is the platform's, not a store's, so no tenant is involved.
 */
export async function listWebhookEvents(
  filters: WebhookLedgerFilters,
  page: { page: number; perPage: number }
): Promise<{ rows: WebhookLedgerRow[]; pagination: Pagination }> {
  const [counted] = await filteredLedger(filters).count('* as total')
  const pagination = paginate(page, Number(counted?.$extras.total ?? 0))
  const events = await filteredLedger(filters)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .offset(pagination.offset)
    .limit(pagination.perPage)
  return { rows: events.map(rowOf), pagination }
}

/** The providers that have sent anything, for the ledger's filter */
export async function webhookProviders(): Promise<string[]> {
  const rows = await WebhookEvent.query().distinct('provider').orderBy('provider')
  return rows.map((row) => row.provider)
}

/** One ledger row with its payload, or null (an id that is not a UUID is simply not found) */
export async function findWebhookEvent(id: string): Promise<WebhookLedgerEntry | null> {
  if (!UUID.test(id)) return null
  const event = await WebhookEvent.find(id)
  return event ? { ...rowOf(event), payload: event.payload } : null
}
