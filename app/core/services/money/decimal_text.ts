import { toDecimal } from 'dinero.js/bigint'
import { BoundedMap } from '../bounded_map.js'
import { type Money, toDinero } from './amounts.js'
import { isSupportedCurrency, minorUnitExponent } from './currencies.js'

export type MoneyInputErrorCode =
  | 'money.invalid'
  | 'money.ambiguous'
  | 'money.too_many_decimals'
  | 'money.too_large'
  | 'money.unknown_currency'

/**
 * What a person typed is not an amount we can take as it is. `code` is also
 * the translation key (resources/lang/<locale>/money.json) and `values` its
 * placeholders.
 */
export class MoneyInputError extends Error {
  constructor(
    readonly code: MoneyInputErrorCode,
    readonly values: Record<string, string | number>
  ) {
    super(`Not an amount of money (${code})`)
    this.name = 'MoneyInputError'
  }
}

/** `moneyErrorMessage(error, ctx.i18n)`: the error in the viewer's language */
export function moneyErrorMessage(
  error: MoneyInputError,
  i18n: { t(key: string, data?: Record<string, unknown>): string }
): string {
  return i18n.t(error.code, error.values)
}

/** The largest amount a Postgres bigint column holds, in minor units */
const MAX_MINOR_UNITS = 2n ** 63n - 1n

/** "12.500" for 12500 KWD, "1999" for 1999 JPY: the exact value, for form inputs */
export function toDecimalString(value: Money): string {
  return toDecimal(toDinero(value))
}

/**
 * An amount as every JSON API answers it: whole minor units as a JSON number
 * (exact: amounts stay below 10^15, inside JavaScript's exact integers), the
 * currency, and the same amount as a decimal string for people reading it.
 */
export function moneyJson(value: Money) {
  return { amount: Number(value.amount), currency: value.currency, decimal: toDecimalString(value) }
}

const formatters = new BoundedMap<string, Intl.NumberFormat>(200)

/**
 * In the viewer's locale with the currency's ISO exponent, formatted from the
 * exact decimal string so no float ever holds the amount.
 */
export function formatMoney(value: Money, locale: string): string {
  const key = `${locale}|${value.currency}`
  let formatter = formatters.get(key)
  if (!formatter) {
    const exponent = minorUnitExponent(value.currency)
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: value.currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    })
    formatters.set(key, formatter)
  }
  return formatter.format(toDecimalString(value) as Intl.StringNumericLiteral)
}

const ARABIC_DECIMAL = '\u066B' // ٫
const ARABIC_GROUP = '\u066C' // ٬
const SPACES = [' ', '\u00A0', '\u202F']
const BIDI_MARKS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g
const MINUS = /^[-\u2212]/

function asciiDigits(text: string) {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) & 0xf))
}

interface Separators {
  decimal: Set<string>
  group: Set<string>
}

const separatorsByLocale = new BoundedMap<string, Separators>(50)

/**
 * The locale's own separators (read with Latin digits, so 'ar' gives "." and
 * ","), the Arabic ones everywhere, and "." as a decimal wherever it does not
 * group thousands (a person in 'fr' who types "12.5" means 12,5).
 */
function separatorsOf(locale: string): Separators {
  let found = separatorsByLocale.get(locale)
  if (found) return found
  const parts = new Intl.NumberFormat(locale, { numberingSystem: 'latn' }).formatToParts(12345.6)
  const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.'
  const group = parts.find((part) => part.type === 'group')?.value ?? ','
  const groups = new Set([group, ARABIC_GROUP, ...(SPACES.includes(group) ? SPACES : [])])
  const decimals = new Set([decimal, ARABIC_DECIMAL, ...(groups.has('.') ? [] : ['.'])])
  found = { decimal: decimals, group: groups }
  separatorsByLocale.set(locale, found)
  return found
}

/** "1,234" as [1, 234] in 'en'; null unless every group after the first has 3 digits */
function wholeDigits(text: string, group: Set<string>): string | null {
  const groups = [...text].reduce<string[]>(
    (found, char) => {
      if (group.has(char)) found.push('')
      else found[found.length - 1] += char
      return found
    },
    ['']
  )
  if (!groups.every((digits) => /^\d*$/.test(digits))) return null
  if (groups.length === 1) return groups[0]
  const [first, ...rest] = groups
  if (!/^\d{1,3}$/.test(first) || !rest.every((digits) => /^\d{3}$/.test(digits))) return null
  return groups.join('')
}

/**
 * "22,750" (or "22.750" where "." groups thousands): one group of three digits
 * after one mark that is a decimal mark elsewhere. For a currency with three
 * decimals it means 22750 to one person and 22.750 to another.
 */
function readsBothWays(wholeText: string) {
  return /^\d{1,3}[.,]\d{3}$/.test(wholeText)
}

/**
 * An amount as a person types it, in their locale: "12.5", "1,234.50" (en),
 * "12,50" (de, fr), "١٢٫٥" (Arabic-Indic or Persian digits), an optional
 * leading minus. Never rounds: more decimals than the currency takes is an
 * error (trailing zeros excepted, they change nothing), and so is a grouped
 * amount of a three-decimal currency that reads two ways ("22,750 KWD").
 */
export function parseMoney(input: string, currency: string, locale = 'en'): Money {
  if (!isSupportedCurrency(currency)) {
    throw new MoneyInputError('money.unknown_currency', { currency })
  }
  const exponent = minorUnitExponent(currency)
  const separators = separatorsOf(locale)
  const decimalMark = [...separators.decimal][0]
  const invalid = () =>
    new MoneyInputError('money.invalid', {
      currency,
      example: exponent === 0 ? '12' : `12${decimalMark}${'5'.padEnd(exponent, '0')}`,
    })

  let text = asciiDigits(String(input).replace(BIDI_MARKS, '')).trim()
  const negative = MINUS.test(text)
  if (negative) text = text.slice(1).trimStart()
  if (text.length > 100) throw new MoneyInputError('money.too_large', { currency })

  const marks = [...text].filter((char) => separators.decimal.has(char))
  if (marks.length > 1) throw invalid()
  const [wholeText, fraction = ''] = marks.length ? text.split(marks[0]) : [text]
  const whole = wholeDigits(wholeText, separators.group)
  if (whole === null || !/^\d*$/.test(fraction) || whole + fraction === '') throw invalid()
  if (marks.length === 0 && exponent === 3 && readsBothWays(wholeText)) {
    const point = `${whole.slice(0, -3)}${decimalMark}${whole.slice(-3)}`
    throw new MoneyInputError('money.ambiguous', { input: wholeText, currency, whole, point })
  }

  const significant = fraction.replace(/0+$/, '')
  if (significant.length > exponent) {
    throw new MoneyInputError('money.too_many_decimals', { decimals: exponent, currency })
  }
  const minor = BigInt((whole || '0') + significant.padEnd(exponent, '0'))
  if (minor > MAX_MINOR_UNITS) throw new MoneyInputError('money.too_large', { currency })
  return { amount: negative ? -minor : minor, currency }
}
