import { DateTime } from 'luxon'
import { clock, Invalid } from '#core/mod'
import type { ReportPeriod, TouchModel } from '../services/attribution_report.js'

export const PRESETS = ['7', '30', '90'] as const
export const DEFAULT_PRESET = '30'
/** The longest custom period a report covers */
export const MAX_DAYS = 366

export interface ReportQuery {
  period: (typeof PRESETS)[number] | 'custom'
  /** The dates as entered (YYYY-MM-DD), shown back in the form */
  from: string
  to: string
  touch: TouchModel
  range: ReportPeriod
}

type Say = (key: string, data?: Record<string, unknown>) => string

function one(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first.trim() : ''
}

function dayOf(text: string, field: string, say: Say): DateTime {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Invalid(say('errors.date_format'), field)
  const day = DateTime.fromISO(text, { zone: 'utc' })
  if (!day.isValid) throw new Invalid(say('errors.date_invalid', { date: text }), field)
  return day
}

/**
 * The report's period and touch model from the page's query: a preset of
 * the last 7, 30 or 90 days (today included), or a custom from/to of at
 * most MAX_DAYS days that has begun. Anything else is an Invalid naming the
 * field to fix; a missing value takes its default.
 */
export function parseReportQuery(qs: Record<string, unknown>, say: Say): ReportQuery {
  const today = clock.now().toUTC().startOf('day')
  const periodText = one(qs.period) || DEFAULT_PRESET
  const touchText = one(qs.touch) || 'last'
  if (touchText !== 'first' && touchText !== 'last') {
    throw new Invalid(say('errors.touch'), 'touch')
  }
  const touch: TouchModel = touchText

  if (periodText !== 'custom') {
    if (!(PRESETS as readonly string[]).includes(periodText)) {
      throw new Invalid(say('errors.period'), 'period')
    }
    const from = today.minus({ days: Number(periodText) - 1 })
    return {
      period: periodText as ReportQuery['period'],
      from: from.toISODate()!,
      to: today.toISODate()!,
      touch,
      range: { from, to: today },
    }
  }

  const fromText = one(qs.from)
  const toText = one(qs.to)
  if (!fromText) throw new Invalid(say('errors.from_required'), 'from')
  if (!toText) throw new Invalid(say('errors.to_required'), 'to')
  const from = dayOf(fromText, 'from', say)
  const to = dayOf(toText, 'to', say)
  if (to < from) throw new Invalid(say('errors.order'), 'to')
  if (from > today) throw new Invalid(say('errors.future'), 'from')
  if (to.diff(from, 'days').days + 1 > MAX_DAYS) {
    throw new Invalid(say('errors.too_long', { max: MAX_DAYS }), 'to')
  }
  return { period: 'custom', from: fromText, to: toText, touch, range: { from, to } }
}
