import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { DateTime } from 'luxon'
import { NotFound, listHref } from '#core/mod'
import {
  WEBHOOK_EVENT_STATUSES,
  findWebhookEvent,
  listWebhookEvents,
  webhookProviders,
} from '#billing/mod'
import { parseLedgerQuery } from '../services/webhook_ledger_query.js'

/** An instant as operators compare it with provider dashboards: in UTC, in the page's language */
function utcText(value: Date | null, locale: string) {
  if (!value) return ''
  const text = DateTime.fromJSDate(value, { zone: 'utc' })
    .setLocale(locale)
    .toLocaleString(DateTime.DATETIME_SHORT_WITH_SECONDS)
  return `${text} UTC`
}

/** The providers' event ledger (owned by billing), read for platform admins */
export default class WebhookEventsController {
  async index(ctx: HttpContext) {
    const { list, filters, params } = parseLedgerQuery(ctx.request.qs())
    const [{ rows, pagination }, providers] = await Promise.all([
      listWebhookEvents(filters, list),
      webhookProviders(),
    ])
    const locale = ctx.i18n.locale
    const path = router.makeUrl('admin.webhook_events.index')
    return ctx.view.render('admin/webhook_events/index', {
      rows: rows.map((row) => ({ ...row, receivedText: utcText(row.receivedAt, locale) })),
      statuses: WEBHOOK_EVENT_STATUSES,
      providers,
      table: {
        path,
        params: { ...params, ...(pagination.page > 1 ? { page: String(pagination.page) } : {}) },
        filters: list.filters,
        pagination,
        filtered: Object.keys(list.filters).length > 0,
        clearHref: listHref(path, {}),
      },
    })
  }

  async show(ctx: HttpContext) {
    const event = await findWebhookEvent(String(ctx.params.id))
    if (!event) throw new NotFound(ctx.i18n.t('admin.webhooks.not_found'))
    const locale = ctx.i18n.locale
    return ctx.view.render('admin/webhook_events/show', {
      event: {
        ...event,
        receivedText: utcText(event.receivedAt, locale),
        processedText: utcText(event.processedAt, locale),
        payloadText: JSON.stringify(event.payload, null, 2),
        replayable: event.provider === 'stripe' && ['failed', 'received'].includes(event.status),
      },
    })
  }
}
