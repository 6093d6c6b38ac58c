import {
  allocateMoney,
  compareMoney,
  CurrencyMismatchError,
  money,
  percentOfMoney,
  type Money,
} from '#core/mod'

/** What a code takes off: a percentage of the goods (1000 bp is 10 %) or a fixed amount */
export type DiscountRule =
  { kind: 'percentage'; basisPoints: number } | { kind: 'fixed'; amount: Money }

/**
 * The amount a code takes off goods worth `subtotal`: a percentage of them,
 * half-even to the minor unit, or the fixed amount, never more than the
 * goods (a 10.000 KWD code on a 7.250 KWD cart takes 7.250 off).
 */
export function discountOn(subtotal: Money, rule: DiscountRule): Money {
  if (rule.kind === 'percentage') {
    if (!Number.isInteger(rule.basisPoints) || rule.basisPoints < 0 || rule.basisPoints > 10_000) {
      throw new Error('A percentage discount is between 0 and 10 000 basis points')
    }
    return percentOfMoney(subtotal, rule.basisPoints)
  }
  if (rule.amount.currency !== subtotal.currency) {
    throw new CurrencyMismatchError(rule.amount.currency, subtotal.currency)
  }
  if (rule.amount.amount < 0n) throw new Error('A fixed discount cannot be negative')
  return compareMoney(rule.amount, subtotal) > 0 ? subtotal : rule.amount
}

/** The discount spread over the lines in proportion to their totals (the parts add up to it) */
export function allocateDiscount(discount: Money, lineTotals: readonly Money[]): Money[] {
  if (lineTotals.length === 0) return []
  if (discount.amount === 0n || lineTotals.every((line) => line.amount === 0n)) {
    return lineTotals.map(() => money(0n, discount.currency))
  }
  return allocateMoney(
    discount,
    lineTotals.map((line) => line.amount)
  )
}
