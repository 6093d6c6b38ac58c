import {
  addMoney,
  money,
  multiplyMoney,
  subtractMoney,
  sumMoney,
  taxAddedTo,
  taxIncludedIn,
  type Money,
} from '#core/mod'
import { Invalid } from '#core/mod'
import type { CheckoutSettings } from './checkout_settings.js'
import { discountOn, type DiscountRule } from './discount_amounts.js'
import { say } from '../orders_messages.js'

export interface PricedLine {
  unitPrice: Money
  quantity: number
}

export interface CheckoutTotals {
  currency: string
  lineTotals: Money[]
  subtotal: Money
  /** Taken off the goods by a discount code (zero without one) */
  discount: Money
  shipping: Money
  /** The tax in the total (inside it when prices include tax, on top otherwise) */
  tax: Money
  taxRateBp: number
  pricesIncludeTax: boolean
  total: Money
}

/**
 * An order's money, exact in the currency's minor units: each line is its
 * price times its quantity, the tax is figured once on the goods and the
 * shipping together (rounded half-even once), and it is either inside the
 * total (tax-inclusive prices) or added to it. `shipping` must be in the
 * order's currency or zero. A discount comes off the goods before the tax
 * is figured, so the tax is the tax on what the shopper pays.
 */
export function checkoutTotals(
  lines: readonly PricedLine[],
  currency: string,
  settings: CheckoutSettings,
  discountRule: DiscountRule | null = null
): CheckoutTotals {
  if (settings.shipping.amount !== 0n && settings.shipping.currency !== currency) {
    throw new Invalid(say('checkout.errors.shipping_currency', { currency }))
  }
  const lineTotals = lines.map((line) => multiplyMoney(line.unitPrice, line.quantity))
  const subtotal = sumMoney(lineTotals, currency)
  const shipping = settings.shipping.amount === 0n ? money(0n, currency) : settings.shipping
  const discount = discountRule ? discountOn(subtotal, discountRule) : money(0n, currency)
  const taxable = addMoney(subtractMoney(subtotal, discount), shipping)
  const tax = settings.pricesIncludeTax
    ? taxIncludedIn(taxable, settings.taxRateBp)
    : taxAddedTo(taxable, settings.taxRateBp)
  const total = settings.pricesIncludeTax ? taxable : addMoney(taxable, tax)
  return {
    currency,
    lineTotals,
    subtotal,
    discount,
    shipping,
    tax,
    taxRateBp: settings.taxRateBp,
    pricesIncludeTax: settings.pricesIncludeTax,
    total,
  }
}

/** "5 %", "15 %", "7.5 %" (basis points as a percentage, in the viewer's digits) */
export function taxRateText(basisPoints: number, locale: string) {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    basisPoints / 10_000
  )
}
