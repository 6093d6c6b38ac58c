import { Job } from '@rlanz/bull-queue'
import { ApplyRecordedWebhookEvents } from '../operations/apply_webhook_event.js'

export interface ApplyWebhookEventsPayload {
  /** Ledger rows (webhook_events.id) recorded together, not the provider's event ids */
  webhookEventIds: string[]
}

/**
 * Applies the recorded webhook events. Safe to run twice: the operation
 * marks each ledger row in the same transaction as its change. Not a tenant
 * job: which store an event concerns is only known once it is read.
 */
export default class ApplyWebhookEventsJob extends Job {
  static get $$filepath() {
    return import.meta.url
  }

  async handle(payload: ApplyWebhookEventsPayload) {
    // A retry also takes this job's rows that the interrupted attempt left failed
    await applyInTurn(this.getAttempts() > 0 ? payload.webhookEventIds : [])
  }

  async rescue(payload: ApplyWebhookEventsPayload, error: Error) {
    this.logger.error(
      { err: error, webhookEventIds: payload.webhookEventIds },
      'webhook events gave up'
    )
  }
}

let running: Promise<void> | null = null
let queued: { retryIds: string[]; done: Promise<void> } | null = null

/**
 * One pass at a time in this worker: each pass takes every event still
 * received, so the jobs that arrive while one runs share the next pass
 * rather than racing it for the same rows.
 */
function applyInTurn(retryIds: string[]): Promise<void> {
  if (!running) {
    running = new ApplyRecordedWebhookEvents().handle(retryIds).finally(() => (running = null))
    return running
  }
  if (queued) {
    queued.retryIds.push(...retryIds)
    return queued.done
  }
  const next = { retryIds: [...retryIds], done: Promise.resolve() }
  next.done = running
    .catch(() => {})
    .then(() => {
      queued = null
      return applyInTurn(next.retryIds)
    })
  queued = next
  return next.done
}
