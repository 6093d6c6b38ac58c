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
  // One round trip for a first delivery and for most second ones: the
  // existing row is read in the same statement when the insert finds it
  const { rows } = await db.rawQuery(
    `WITH inserted AS (
       INSERT INTO webhook_events (provider, event_id, type, payload)
       VALUES (?, ?, ?, ?::jsonb)
       ON CONFLICT (provider, event_id) DO NOTHING
       RETURNING id, status
     )
     SELECT id, status, false AS duplicate FROM inserted
     UNION ALL
     SELECT id, status, true AS duplicate FROM webhook_events
     WHERE provider = ? AND event_id = ? AND NOT EXISTS (SELECT 1 FROM inserted)`,
    [provider, event.id, event.type, JSON.stringify(payload), provider, event.id]
  )
  if (rows.length) return { id: rows[0].id, duplicate: rows[0].duplicate, status: rows[0].status }
  // The first delivery committed while this statement ran, after its snapshot was taken
  const existing = await db
    .from('webhook_events')
    .where({ provider, event_id: event.id })
    .select('id', 'status')
    .firstOrFail()
  return { id: existing.id, duplicate: true, status: existing.status }
}
