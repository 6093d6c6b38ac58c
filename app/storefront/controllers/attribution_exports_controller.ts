import type { HttpContext } from '@adonisjs/core/http'
import { Invalid } from '#core/mod'
import { attributionReport } from '../services/attribution_report.js'
import { attributionCsv } from '../services/attribution_page.js'
import { parseReportQuery } from '../validators/attribution_validators.js'

/** The attribution page's figures as a CSV file, for the same period and touch model */
export default class AttributionExportsController {
  async show(ctx: HttpContext) {
    const say = (key: string, data?: Record<string, unknown>) =>
      ctx.i18n.t(`attribution.${key}`, data)
    let query
    try {
      query = parseReportQuery(ctx.request.qs(), say)
    } catch (error) {
      if (!(error instanceof Invalid)) throw error
      return ctx.response
        .status(422)
        .header('content-type', 'text/plain; charset=utf-8')
        .send(error.message)
    }
    const report = await attributionReport(query.range, query.touch)
    const name = `attribution-${query.from}-${query.to}-${query.touch}-touch.csv`
    ctx.response.header('content-type', 'text/csv; charset=utf-8')
    ctx.response.header('content-disposition', `attachment; filename="${name}"`)
    return attributionCsv(report, say)
  }
}
