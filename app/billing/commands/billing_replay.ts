import { args, flags } from '@adonisjs/core/ace'
import { BillingCommand } from '../services/billing_command.js'

export default class BillingReplay extends BillingCommand {
  static commandName = 'billing:replay'
  static description =
    'Apply a recorded Stripe event again (by its evt_ id), or every failed one with --failed'

  @args.string({ description: 'The Stripe event id (evt_…)', required: false })
  declare eventId?: string

  @flags.boolean({ description: 'Every event that failed or was never applied' })
  declare failed?: boolean

  async run() {
    const { default: WebhookEvent } = await import('../models/webhook_event.js')
    const { default: ApplyWebhookEvent } = await import('../operations/apply_webhook_event.js')
    if (!this.eventId === !this.failed) {
      return this.fail('Give either an event id (billing:replay evt_…) or --failed')
    }
    const entries = this.eventId
      ? await WebhookEvent.query().where({ provider: 'stripe', eventId: this.eventId.trim() })
      : await WebhookEvent.query()
          .where('provider', 'stripe')
          .whereIn('status', ['failed', 'received'])
          .orderByRaw(`(payload->>'created')::bigint asc, received_at asc`)
    if (this.eventId && entries.length === 0) {
      return this.fail(`No recorded Stripe event ${this.eventId}`)
    }
    let failures = 0
    for (const entry of entries) {
      if (entry.status === 'processed' || entry.status === 'ignored') {
        this.logger.info(`${entry.eventId} was already ${entry.status}: nothing to do`)
        continue
      }
      const outcome = await new ApplyWebhookEvent().handle(entry.id)
      if (outcome === 'failed') {
        failures++
        await entry.refresh()
        this.logger.error(`${entry.eventId} (${entry.type}) failed: ${entry.lastError}`)
      } else {
        this.logger.success(`${entry.eventId} (${entry.type}) ${outcome}`)
      }
    }
    if (this.failed) this.logger.info(`${entries.length} event(s) replayed, ${failures} failed`)
    if (failures > 0) this.exitCode = 1
  }
}
