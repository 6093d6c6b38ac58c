import queue from '@rlanz/bull-queue/services/main'
import ApplyWebhookEventsJob from '../jobs/apply_webhook_events_job.js'

/**
 * Asks for a pass over the ledger's waiting events, once they are recorded.
 * Every pass takes all of them, so one waiting pass is enough: asking again
 * while one waits adds nothing, and asking while one runs keeps exactly one
 * more for after it, which finds what the running pass read too early to see.
 */
export function enqueueWebhookPass() {
  return queue.dispatch(ApplyWebhookEventsJob, undefined, {
    deduplication: { id: 'billing-webhook-pass', keepLastIfActive: true },
  })
}
