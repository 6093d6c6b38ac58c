import edge from 'edge.js'
import { money } from './amounts.js'
import { currencyDecimals } from './currencies.js'
import { formatMoney } from './decimal_text.js'

/**
 * Money in templates, from the columns as they are (bigint, or the string a
 * bigint column reads as):
 *
 *   {{ formatMoney(variant.priceAmount, product.currency, i18n.locale) }}
 *   @!moneyInput({ name: 'price', label, currency: 'KWD' })   (uses currencyDecimals)
 */
export function formatMinorUnits(
  amount: bigint | number | string,
  currency: string,
  locale = 'en'
) {
  const minor = typeof amount === 'bigint' ? amount : BigInt(amount)
  return formatMoney(money(minor, currency), locale)
}

export function shareMoneyFormatting() {
  edge.global('formatMoney', formatMinorUnits)
  edge.global('currencyDecimals', currencyDecimals)
}
