import { Job } from '@rlanz/bull-queue'
import { ApplyRecordedWebhookEvents } from '../operations/apply_webhook_event.js'

/**
 * A pass over the webhook events still waiting in the ledger. Safe to run
 * twice: the operation marks each ledger row in the same transaction as its
 * change. Not a tenant job: which store an event concerns is only known
 * once it is read.
 */
export default class ApplyWebhookEventsJob extends Job {
  static get $$filepath() {
    return import.meta.url
  }

  async handle() {
    await new ApplyRecordedWebhookEvents().handle()
  }

  async rescue(_payload: unknown, error: Error) {
    this.logger.error({ err: error }, 'a pass over the webhook events gave up')
  }
}
