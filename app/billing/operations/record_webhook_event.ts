import db from '@adonisjs/lucid/services/db'

export interface RecordedEvent {
  id: string
  /** Delivered before: nothing was written */
  duplicate: boolean
  status: string
}

/**
 * Writes a provider's event to the ledger once: a second delivery of the
 * same (provider, event id) finds the first row and changes nothing.
 */
export async function recordWebhookEvent(
  provider: string,
  event: { id: string; type: string },
  payload: unknown
): Promise<RecordedEvent> {
  const { rows } = await db.rawQuery(
    `INSERT INTO webhook_events (provider, event_id, type, payload)
     VALUES (?, ?, ?, ?::jsonb)
     ON CONFLICT (provider, event_id) DO NOTHING
     RETURNING id, status`,
    [provider, event.id, event.type, JSON.stringify(payload)]
  )
  if (rows.length) return { id: rows[0].id, duplicate: false, status: rows[0].status }
  const existing = await db
    .from('webhook_events')
    .where({ provider, event_id: event.id })
    .select('id', 'status')
    .firstOrFail()
  return { id: existing.id, duplicate: true, status: existing.status }
}
