/**
 * Minor-unit exponents from ISO 4217. Intl's display digits disagree for some
 * currencies (ICU shows IQD with 0 decimals), so they are never used here.
 */
const THREE_DECIMALS = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']
const ZERO_DECIMALS = [
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]
const TWO_DECIMALS = [
  'AED',
  'AUD',
  'BRL',
  'CAD',
  'CHF',
  'CNY',
  'CZK',
  'DKK',
  'EGP',
  'EUR',
  'GBP',
  'HKD',
  'HUF',
  'IDR',
  'ILS',
  'INR',
  'MAD',
  'MXN',
  'MYR',
  'NOK',
  'NZD',
  'PHP',
  'PKR',
  'PLN',
  'QAR',
  'RON',
  'SAR',
  'SEK',
  'SGD',
  'THB',
  'TRY',
  'TWD',
  'USD',
  'ZAR',
]

const EXPONENTS = new Map<string, number>([
  ...THREE_DECIMALS.map((code) => [code, 3] as const),
  ...ZERO_DECIMALS.map((code) => [code, 0] as const),
  ...TWO_DECIMALS.map((code) => [code, 2] as const),
])

export const SUPPORTED_CURRENCIES = [...EXPONENTS.keys()].sort()

export function isSupportedCurrency(code: string): boolean {
  return EXPONENTS.has(code)
}

export function minorUnitExponent(currency: string): number {
  const exponent = EXPONENTS.get(currency)
  if (exponent === undefined) {
    throw new Error(`Unknown currency "${currency}"`)
  }
  return exponent
}

export interface Money {
  amount: bigint
  currency: string
}

export function money(amount: bigint | number, currency: string): Money {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) {
    throw new Error('Money amounts are whole minor units')
  }
  minorUnitExponent(currency)
  return { amount: BigInt(amount), currency }
}

/**
 * Formats in the viewer's locale with the currency's ISO exponent, from the
 * exact integer: the decimal string is built by hand so no float is involved.
 */
export function formatMoney(value: Money, locale: string): string {
  const exponent = minorUnitExponent(value.currency)
  const negative = value.amount < 0n
  const digits = (negative ? -value.amount : value.amount).toString().padStart(exponent + 1, '0')
  const decimal =
    exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: value.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  })
  return formatter.format(`${negative ? '-' : ''}${decimal}` as unknown as number)
}

/**
 * Card processors accept 3-decimal amounts only in whole tens of fils, so the
 * hand-off rounds half-even to the nearest 10 there, and nowhere else.
 */
export function toProcessorAmount(value: Money): bigint {
  if (minorUnitExponent(value.currency) !== 3) return value.amount
  const remainder = ((value.amount % 10n) + 10n) % 10n
  const floor = value.amount - remainder
  if (remainder < 5n) return floor
  if (remainder > 5n) return floor + 10n
  return (floor / 10n) % 2n === 0n ? floor : floor + 10n
}
