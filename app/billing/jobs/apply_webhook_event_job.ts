import { Job } from '@rlanz/bull-queue'
import ApplyWebhookEvent from '../operations/apply_webhook_event.js'

export interface ApplyWebhookEventPayload {
  /** The ledger row (webhook_events.id), not the provider's event id */
  webhookEventId: string
}

/**
 * Applies a recorded webhook event. Safe to run twice: the operation marks
 * the ledger row in the same transaction as the change. Not a tenant job:
 * which store the event concerns is only known once it is read.
 */
export default class ApplyWebhookEventJob extends Job {
  static get $$filepath() {
    return import.meta.url
  }

  async handle(payload: ApplyWebhookEventPayload) {
    await new ApplyWebhookEvent().handle(payload.webhookEventId)
  }

  async rescue(payload: ApplyWebhookEventPayload, error: Error) {
    this.logger.error(
      { err: error, webhookEventId: payload.webhookEventId },
      'webhook event gave up'
    )
  }
}
