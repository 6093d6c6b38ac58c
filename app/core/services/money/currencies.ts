import * as iso4217 from 'dinero.js/bigint/currencies'
import type { DineroCurrency } from 'dinero.js/bigint'

/**
 * The currencies a store can sell in. Their minor-unit exponents come from
 * dinero's ISO 4217 table, never from Intl's display digits (ICU shows IQD
 * with 0 decimals where ISO 4217 says 3).
 */
const STORE_CURRENCIES = [
  'AED',
  'AUD',
  'BHD',
  'BIF',
  'BRL',
  'CAD',
  'CHF',
  'CLP',
  'CNY',
  'CZK',
  'DJF',
  'DKK',
  'EGP',
  'EUR',
  'GBP',
  'GNF',
  'HKD',
  'HUF',
  'IDR',
  'ILS',
  'INR',
  'IQD',
  'ISK',
  'JOD',
  'JPY',
  'KMF',
  'KRW',
  'KWD',
  'LYD',
  'MAD',
  'MXN',
  'MYR',
  'NOK',
  'NZD',
  'OMR',
  'PHP',
  'PKR',
  'PLN',
  'PYG',
  'QAR',
  'RON',
  'RWF',
  'SAR',
  'SEK',
  'SGD',
  'THB',
  'TND',
  'TRY',
  'TWD',
  'UGX',
  'USD',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
  'ZAR',
] as const

const ISO_4217 = iso4217 as Record<string, DineroCurrency<bigint>>

const CURRENCIES = new Map(
  STORE_CURRENCIES.map((code) => {
    const currency = ISO_4217[code]
    if (!currency || currency.base !== 10n)
      throw new Error(`${code} is not a decimal ISO 4217 currency`)
    return [code as string, currency]
  })
)

export const SUPPORTED_CURRENCIES = [...CURRENCIES.keys()].sort()

export function isSupportedCurrency(code: string): boolean {
  return CURRENCIES.has(code)
}

export function dineroCurrency(code: string): DineroCurrency<bigint> {
  const currency = CURRENCIES.get(code)
  if (!currency) throw new Error(`Unknown currency "${code}"`)
  return currency
}

export function minorUnitExponent(currency: string): number {
  return Number(dineroCurrency(currency).exponent)
}

/** The number of decimals an amount in `currency` takes (KWD 3, USD 2, JPY 0) */
export const currencyDecimals = minorUnitExponent
