/*
 * Money is one plain type everywhere: whole minor units (bigint) plus an ISO
 * 4217 code. The arithmetic runs on dinero.js, whose objects never leave the
 * files under ./money.
 */
export {
  SUPPORTED_CURRENCIES,
  isSupportedCurrency,
  minorUnitExponent,
  currencyDecimals,
} from './money/currencies.js'
export {
  money,
  CurrencyMismatchError,
  addMoney,
  subtractMoney,
  multiplyMoney,
  sumMoney,
  negateMoney,
  isZeroMoney,
  compareMoney,
  percentOfMoney,
  taxIncludedIn,
  taxAddedTo,
  allocateMoney,
  toProcessorAmount,
} from './money/amounts.js'
export type { Money } from './money/amounts.js'
export {
  parseMoney,
  MoneyInputError,
  moneyErrorMessage,
  toDecimalString,
  moneyJson,
  formatMoney,
} from './money/decimal_text.js'
export type { MoneyInputErrorCode } from './money/decimal_text.js'
