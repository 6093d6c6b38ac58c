import {
  add,
  allocate,
  calculator,
  compare,
  dinero,
  halfEven,
  isZero,
  multiply,
  subtract,
  toSnapshot,
  transformScale,
  type Dinero,
} from 'dinero.js/bigint'
import { dineroCurrency } from './currencies.js'

/**
 * An exact amount: whole minor units (fils, cents, yen) of an ISO 4217
 * currency. A plain value, so it crosses module boundaries, JSON and the
 * database as it is; the dinero objects the arithmetic uses stay in here.
 */
export interface Money {
  amount: bigint
  currency: string
}

export class CurrencyMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string
  ) {
    super(`Cannot combine ${actual} with ${expected}`)
  }
}

export function money(amount: bigint | number, currency: string): Money {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) {
    throw new Error('Money amounts are whole minor units')
  }
  dineroCurrency(currency)
  return { amount: BigInt(amount), currency }
}

export function toDinero(value: Money): Dinero<bigint> {
  if (typeof value.amount !== 'bigint') throw new Error('Money amounts are bigint minor units')
  return dinero({ amount: value.amount, currency: dineroCurrency(value.currency) })
}

/** Back to whole minor units, rounding half-even when a rate left a finer scale */
export function fromDinero(value: Dinero<bigint>): Money {
  const { currency } = toSnapshot(value)
  const { amount, scale } = toSnapshot(transformScale(value, currency.exponent, halfEven))
  if (scale !== currency.exponent) throw new Error('Money lost its scale')
  return { amount, currency: currency.code }
}

function sameCurrency(a: Money, b: Money) {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency)
}

function wholeNumber(value: number | bigint, what: string): bigint {
  if (typeof value === 'bigint') return value
  if (!Number.isSafeInteger(value)) throw new Error(`${what} must be a whole number`)
  return BigInt(value)
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return fromDinero(add(toDinero(a), toDinero(b)))
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b)
  return fromDinero(subtract(toDinero(a), toDinero(b)))
}

export function multiplyMoney(value: Money, quantity: number | bigint): Money {
  return fromDinero(multiply(toDinero(value), wholeNumber(quantity, 'A quantity')))
}

export function sumMoney(values: readonly Money[], currency: string): Money {
  return values.reduce((total, value) => addMoney(total, value), money(0n, currency))
}

export function negateMoney(value: Money): Money {
  return multiplyMoney(value, -1n)
}

export function isZeroMoney(value: Money): boolean {
  return isZero(toDinero(value))
}

export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b)
  return compare(toDinero(a), toDinero(b)) as -1 | 0 | 1
}

/** value × basisPoints / 10 000, half-even to the minor unit: 500 bp is 5 % */
export function percentOfMoney(value: Money, basisPoints: number): Money {
  const rate = { amount: wholeNumber(basisPoints, 'Basis points'), scale: 4n }
  return fromDinero(multiply(toDinero(value), rate))
}

function taxRate(basisPoints: number) {
  const rate = wholeNumber(basisPoints, 'A tax rate')
  if (rate < 0n) throw new Error('A tax rate cannot be negative')
  return rate
}

/** The tax inside a tax-inclusive amount (Gulf stores enter prices with VAT) */
export function taxIncludedIn(gross: Money, rateBasisPoints: number): Money {
  const rate = taxRate(rateBasisPoints)
  const { amount } = toSnapshot(toDinero(gross))
  const net = halfEven(amount * 10_000n, 10_000n + rate, calculator)
  return subtractMoney(gross, { amount: net, currency: gross.currency })
}

/** The tax to add on top of a tax-exclusive amount */
export function taxAddedTo(net: Money, rateBasisPoints: number): Money {
  return percentOfMoney(net, Number(taxRate(rateBasisPoints)))
}

/** A ratio as a whole number at `scale` decimals: 0.25 at scale 2 is 25 */
function ratioAtScale(ratio: number | bigint, scale: number): bigint {
  if (typeof ratio === 'bigint') return ratio * 10n ** BigInt(scale)
  const [whole, fraction = ''] = String(ratio).split('.')
  return BigInt(whole + fraction.padEnd(scale, '0'))
}

function decimalsOf(ratio: number | bigint): number {
  if (typeof ratio === 'bigint') return 0
  if (!Number.isFinite(ratio) || ratio < 0 || !/^\d+(\.\d+)?$/.test(String(ratio))) {
    throw new Error(`A ratio must be a plain non-negative number, not ${ratio}`)
  }
  return String(ratio).split('.')[1]?.length ?? 0
}

/**
 * Splits `total` in proportion to `ratios` without losing or inventing a
 * minor unit: the parts always add up to the total (the units left over go
 * one each to the largest ratios first). A zero ratio gets zero.
 */
export function allocateMoney(total: Money, ratios: readonly (number | bigint)[]): Money[] {
  if (ratios.length === 0) throw new Error('Cannot allocate over no ratios')
  const scale = Math.max(...ratios.map(decimalsOf))
  const whole = ratios.map((ratio) => ratioAtScale(ratio, scale))
  if (whole.some((ratio) => ratio < 0n)) throw new Error('Ratios cannot be negative')
  if (whole.every((ratio) => ratio === 0n)) {
    if (total.amount === 0n) return ratios.map(() => money(0n, total.currency))
    throw new Error('Cannot allocate an amount over ratios that are all zero')
  }
  return allocate(toDinero(total), whole).map(fromDinero)
}

/**
 * Card processors accept 3-decimal amounts only in whole tens of fils, so the
 * hand-off rounds half-even to the nearest 10 there, and nowhere else.
 */
export function toProcessorAmount(value: Money): bigint {
  const exact = toDinero(value)
  const { exponent } = toSnapshot(exact).currency
  if (exponent !== 3n) return value.amount
  const tens = transformScale(exact, exponent - 1n, halfEven)
  return toSnapshot(transformScale(tens, exponent)).amount
}
