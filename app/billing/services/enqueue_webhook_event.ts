import queue from '@rlanz/bull-queue/services/main'
import ApplyWebhookEventsJob from '../jobs/apply_webhook_events_job.js'

/**
 * One job for the ledger rows recorded together. A row enqueued twice (a
 * second delivery while the first still waits) is applied once: the applier
 * skips rows it finds finished.
 */
export function enqueueWebhookEvents(webhookEventIds: string[]) {
  return queue.dispatch(ApplyWebhookEventsJob, { webhookEventIds })
}
