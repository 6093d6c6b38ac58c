import type { HttpContext } from '@adonisjs/core/http'
import { formatMoney, money, toDecimalString } from '#core/mod'
import type { AttributionReport, AttributionRow } from './attribution_report.js'

type Say = (key: string, data?: Record<string, unknown>) => string

/** The name a row is shown under: orders of shoppers never seen landing are "not tracked" */
function labelOf(row: AttributionRow, say: Say) {
  return row.key ?? say('not_tracked')
}

/** What the attribution page shows, written for the viewer's language */
export function attributionView(ctx: HttpContext, report: AttributionReport) {
  const locale = ctx.i18n.locale
  const say = (key: string) => ctx.i18n.t(`attribution.${key}`)
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  const count = new Intl.NumberFormat(locale)
  const shown = (row: AttributionRow) => ({
    label: labelOf(row, say),
    visits: count.format(row.visits),
    orders: count.format(row.orders),
    conversion: row.conversion === null ? '—' : percent.format(row.conversion),
    revenue: row.revenue,
  })
  return {
    report,
    locale,
    currency: report.currency,
    totals: shown(report.totals),
    bySource: report.bySource.map(shown),
    byCampaign: report.byCampaign.map(shown),
    // revenue by source in major units, for the chart's scale; the table beside it is exact
    revenueChart: report.bySource.map((row) => ({
      label: labelOf(row, say),
      value: Number(toDecimalString(money(row.revenue, report.currency))),
    })),
    formatRevenue: (value: number) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: report.currency }).format(value),
    formatExact: (row: AttributionRow) => formatMoney(money(row.revenue, report.currency), locale),
  }
}

/** A spreadsheet must not read a shopper-chosen campaign name as a formula */
function cell(value: string | number) {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function attributionCsv(report: AttributionReport, say: Say) {
  const header = ['dimension', 'name', 'visits', 'orders', 'conversion_rate', 'revenue', 'currency']
  const line = (dimension: string, row: AttributionRow) =>
    [
      dimension,
      labelOf(row, say),
      row.visits,
      row.orders,
      row.conversion === null ? '' : (row.conversion * 100).toFixed(2),
      toDecimalString(money(row.revenue, report.currency)),
      report.currency,
    ]
      .map(cell)
      .join(',')
  return (
    [
      header.join(','),
      ...report.bySource.map((row) => line('source', row)),
      ...report.byCampaign.map((row) => line('campaign', row)),
    ].join('\r\n') + '\r\n'
  )
}
