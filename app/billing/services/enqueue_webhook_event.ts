import queue from '@rlanz/bull-queue/services/main'
import ApplyWebhookEventJob from '../jobs/apply_webhook_event_job.js'

/** One job per ledger row: enqueuing it again while it waits or after it ran adds nothing */
export function enqueueWebhookEvent(webhookEventId: string) {
  return queue.dispatch(
    ApplyWebhookEventJob,
    { webhookEventId },
    { jobId: `webhook-${webhookEventId}` }
  )
}
