import WebhookEvent from '../models/webhook_event.js'
import ApplyWebhookEvent, { type ApplyOutcome } from './apply_webhook_event.js'

export type ReplayResult =
  | { outcome: ApplyOutcome; lastError: string | null }
  /** Applied or ignored before: replaying changes nothing */
  | { outcome: 'already_processed' | 'already_ignored'; lastError: null }
  /** Only Stripe's events have an applier */
  | { outcome: 'unsupported'; lastError: null }

/**
 * Applies a recorded event again, as `node ace billing:replay` does: through
 * ApplyWebhookEvent, which locks the ledger row and marks it in the change's
 * transaction, so a replay racing the queue or another replay applies once.
 */
export default class ReplayWebhookEvent {
  async handle(ledgerId: string): Promise<ReplayResult | null> {
    const entry = await WebhookEvent.find(ledgerId)
    if (!entry) return null
    if (entry.provider !== 'stripe') return { outcome: 'unsupported', lastError: null }
    if (entry.status === 'processed' || entry.status === 'ignored') {
      return { outcome: `already_${entry.status}`, lastError: null }
    }
    const outcome = await new ApplyWebhookEvent().handle(entry.id)
    if (outcome !== 'failed') return { outcome, lastError: null }
    await entry.refresh()
    return { outcome, lastError: entry.lastError }
  }
}
