export { parseMoney, MoneyInputError, toDecimalString, currencyDecimals } from '#core/mod'
