import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { enqueueWebhookPass } from '../services/enqueue_webhook_pass.js'

export interface RecordedEvent {
  id: string
  /** Delivered before: nothing was written */
  duplicate: boolean
  status: string
}

interface Delivery {
  provider: string
  eventId: string
  type: string
  payload: unknown
  resolve(recorded: RecordedEvent): void
  reject(error: unknown): void
}

interface LedgerAnswer {
  id: string
  provider: string
  event_id: string
  status: string
  duplicate: boolean
}

/** Enough to keep one statement's JSON small next to what PostgreSQL parses in a millisecond */
const MOST_PER_STATEMENT = 200

/**
 * Writes a provider's event to the ledger once, and has it applied: a second
 * delivery of the same (provider, event id) finds the first row and writes
 * nothing. Deliveries arriving together are written by one statement and
 * one call asks the queue for a pass over them (group commit): each caller still waits
 * until its own row is durable, so a 2xx always means "in the ledger".
 */
export function recordWebhookEvent(
  provider: string,
  event: { id: string; type: string },
  payload: unknown
): Promise<RecordedEvent> {
  return new Promise((resolve, reject) => {
    waiting.push({ provider, eventId: event.id, type: event.type, payload, resolve, reject })
    if (!writing) {
      writing = true
      // Lets the deliveries already read from their sockets join this statement
      setImmediate(writeWaiting)
    }
  })
}

const waiting: Delivery[] = []
let writing = false

async function writeWaiting() {
  while (waiting.length) {
    const batch = waiting.splice(0, MOST_PER_STATEMENT)
    await writeBatch(batch)
  }
  writing = false
}

async function writeBatch(batch: Delivery[]) {
  try {
    await settle(batch, await record(batch))
  } catch (error) {
    if (batch.length === 1) return batch[0].reject(error)
    // One unwritable payload must not refuse the deliveries that came with it
    for (const delivery of batch) await writeBatch([delivery])
  }
}

/**
 * One round trip for the whole batch: the rows it inserts, and for the
 * events already in the ledger, the rows that hold them. `received_at` is
 * each row's own clock reading, so deliveries keep their arrival order.
 */
async function record(batch: Delivery[]): Promise<LedgerAnswer[]> {
  const incoming = batch.map((delivery) => ({
    provider: delivery.provider,
    event_id: delivery.eventId,
    type: delivery.type,
    payload: delivery.payload,
  }))
  const { rows } = await db.rawQuery(
    `WITH incoming AS (
       SELECT e->>'provider' AS provider, e->>'event_id' AS event_id, e->>'type' AS type,
              e->'payload' AS payload, position
       FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS t(e, position)
     ),
     inserted AS (
       INSERT INTO webhook_events (provider, event_id, type, payload, received_at)
       SELECT provider, event_id, type, payload, clock_timestamp() FROM incoming ORDER BY position
       ON CONFLICT (provider, event_id) DO NOTHING
       RETURNING id, provider, event_id, status
     )
     SELECT id, provider, event_id, status, false AS duplicate FROM inserted
     UNION ALL
     SELECT ledger.id, ledger.provider, ledger.event_id, ledger.status, true AS duplicate
     FROM webhook_events ledger
     JOIN (SELECT DISTINCT provider, event_id FROM incoming) delivered
       ON ledger.provider = delivered.provider AND ledger.event_id = delivered.event_id
     WHERE NOT EXISTS (
       SELECT 1 FROM inserted
       WHERE inserted.provider = delivered.provider AND inserted.event_id = delivered.event_id
     )`,
    [JSON.stringify(incoming)]
  )
  return rows
}

async function settle(batch: Delivery[], answers: LedgerAnswer[]) {
  const byEvent = new Map(answers.map((row) => [`${row.provider}\u0000${row.event_id}`, row]))
  const answered = new Set<string>()
  let waitingToApply = 0
  const results: Array<RecordedEvent | null> = []
  for (const delivery of batch) {
    const key = `${delivery.provider}\u0000${delivery.eventId}`
    const row = byEvent.get(key)
    if (!row) {
      results.push(null)
      continue
    }
    // The same event twice in one batch: the second delivery is the duplicate
    const duplicate = row.duplicate || answered.has(key)
    answered.add(key)
    if (row.status === 'received') waitingToApply++
    results.push({ id: row.id, duplicate, status: row.status })
  }
  if (waitingToApply) {
    // The rows are durable: should the queue be unreachable, Stripe's next
    // delivery enqueues them again, or `node ace billing:replay --failed` applies them
    await enqueueWebhookPass().catch((error) =>
      logger.error({ err: error, rows: waitingToApply }, 'webhook events recorded but not enqueued')
    )
  }
  for (const [index, delivery] of batch.entries()) {
    const result = results[index]
    if (result) delivery.resolve(result)
    // The first delivery committed while this statement ran, after its snapshot was taken
    else readRecorded(delivery).then(delivery.resolve, delivery.reject)
  }
}

async function readRecorded(delivery: Delivery): Promise<RecordedEvent> {
  const existing = await db
    .from('webhook_events')
    .where({ provider: delivery.provider, event_id: delivery.eventId })
    .select('id', 'status')
    .firstOrFail()
  return { id: existing.id, duplicate: true, status: existing.status }
}
