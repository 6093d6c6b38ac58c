import { HttpContext } from '@adonisjs/core/http'
import { Invalid } from '#core/mod'
import { MoneyInputError, parseMoney } from './money_api.js'
import { say } from '../messages.js'

/**
 * An amount a person typed ("12.500", "12,5", "") in `currency`, as whole
 * minor units: null when left empty and `optional`. A refusal names the
 * field and says what is wrong in the viewer's language.
 */
export function readAmount(
  input: string | null | undefined,
  currency: string,
  field: string,
  options: { optional?: boolean; label?: string } = {}
): bigint | null {
  const text = (input ?? '').trim()
  const label = options.label ?? say(`fields.${field}`)
  if (text === '') {
    if (options.optional) return null
    throw new Invalid(say('errors.amount_required', { field: label }), field)
  }
  const locale = HttpContext.get()?.i18n.locale
  try {
    const { amount } = parseMoney(text, currency, locale)
    if (amount < 0n) throw new Invalid(say('errors.amount_negative', { field: label }), field)
    if (amount > MAX_AMOUNT)
      throw new Invalid(say('errors.amount_too_large', { field: label }), field)
    return amount
  } catch (error) {
    if (error instanceof MoneyInputError) {
      throw new Invalid(moneyMessage(error, label, currency), field)
    }
    throw error
  }
}

/** Far above any price, well inside bigint and JavaScript's exact integers */
const MAX_AMOUNT = 10n ** 15n

/** The money error in the catalog's words, naming the field or CSV column `label` */
export function moneyMessage(error: MoneyInputError, label: string, currency: string) {
  const data = { field: label, currency, decimals: '', example: '', ...error.values }
  const key = error.code.replace(/^money\./, '')
  return say(`errors.money.${key}`, data, say('errors.money.invalid', data))
}
