import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { FormRejected, Invalid } from '#core/mod'
import { attributionReport } from '../services/attribution_report.js'
import { attributionView } from '../services/attribution_page.js'
import { parseReportQuery, PRESETS } from '../validators/attribution_validators.js'

/**
 * Where the store's shoppers and orders came from, for a period: by
 * source and by campaign, orders credited to their first or last touch.
 * A period that cannot be read shows the page again with the field's
 * message, answered 422.
 */
export default class AttributionsController {
  async show(ctx: HttpContext) {
    const say = (key: string, data?: Record<string, unknown>) =>
      ctx.i18n.t(`attribution.${key}`, data)
    const qs = ctx.request.qs()
    try {
      const query = parseReportQuery(qs, say)
      const report = await attributionReport(query.range, query.touch)
      return ctx.view.render('attribution/show', {
        ...attributionView(ctx, report),
        query,
        presets: PRESETS,
        form: { errors: {}, old: { ...query } },
        exportHref: router.makeUrl('attribution_export.show', [], {
          qs: { period: query.period, from: query.from, to: query.to, touch: query.touch },
        }),
      })
    } catch (error) {
      if (!(error instanceof Invalid)) throw error
      const old = { period: 'custom', from: '', to: '', touch: 'last', ...textsOf(qs) }
      throw new FormRejected(
        await ctx.view.render('attribution/show', {
          report: null,
          query: old,
          presets: PRESETS,
          form: { errors: { [error.field ?? 'period']: error.message }, old },
          exportHref: null,
        })
      )
    }
  }
}

function textsOf(qs: Record<string, unknown>) {
  const texts: Record<string, string> = {}
  for (const name of ['period', 'from', 'to', 'touch']) {
    const value = qs[name]
    if (typeof value === 'string') texts[name] = value.slice(0, 40)
  }
  return texts
}
