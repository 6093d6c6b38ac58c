import type { HttpContext } from '@adonisjs/core/http'
import { NotFound, flashMessage } from '#core/mod'
import { ReplayWebhookEvent, findWebhookEvent } from '#billing/mod'

/**
 * A replay of a recorded webhook event is a resource of its own: creating
 * one applies the event again through billing, exactly as `node ace
 * billing:replay` does; an event already applied stays as it is.
 */
export default class WebhookEventReplaysController {
  async store(ctx: HttpContext) {
    const event = await findWebhookEvent(String(ctx.params.id))
    if (!event) throw new NotFound(ctx.i18n.t('admin.webhooks.not_found'))
    const result = await new ReplayWebhookEvent().handle(event.id)
    if (!result) throw new NotFound(ctx.i18n.t('admin.webhooks.not_found'))
    const t = (key: string, data?: Record<string, unknown>) =>
      ctx.i18n.t(`admin.webhooks.replay_${key}`, { eventId: event.eventId, ...data })
    if (result.outcome === 'failed') {
      flashMessage(ctx, 'error', t('failed', { error: result.lastError ?? '' }))
    } else if (result.outcome === 'processed' || result.outcome === 'ignored') {
      flashMessage(ctx, 'success', t(result.outcome))
    } else {
      flashMessage(ctx, 'notice', t(result.outcome))
    }
    return ctx.response.redirect().toRoute('admin.webhook_events.show', { id: event.id })
  }
}
