import { test } from '@japa/runner'
import { formatMoney, minorUnitExponent, money, toProcessorAmount } from '#core/services/money'

test.group('Money | minorUnitExponent', () => {
  test('{currency} has {exponent} decimals')
    .with([
      { currency: 'KWD', exponent: 3 },
      { currency: 'IQD', exponent: 3 },
      { currency: 'BHD', exponent: 3 },
      { currency: 'JPY', exponent: 0 },
      { currency: 'KRW', exponent: 0 },
      { currency: 'USD', exponent: 2 },
      { currency: 'EUR', exponent: 2 },
    ])
    .run(({ assert }, { currency, exponent }) => {
      assert.equal(minorUnitExponent(currency), exponent)
    })

  test('an unknown currency throws', ({ assert }) => {
    assert.throws(() => minorUnitExponent('XYZ'), /Unknown currency/)
    assert.throws(() => money(1, 'XYZ'), /Unknown currency/)
  })

  test('money refuses fractional amounts', ({ assert }) => {
    assert.throws(() => money(1.5, 'USD'), /whole minor units/)
    assert.equal(money(150, 'USD').amount, 150n)
  })
})

test.group('Money | formatMoney', () => {
  test('{amount} {currency} in {locale} contains {expected}')
    .with([
      { amount: 1234, currency: 'KWD', locale: 'en', expected: '1.234' },
      { amount: 5, currency: 'KWD', locale: 'en', expected: '0.005' },
      { amount: 500, currency: 'JPY', locale: 'en', expected: '¥500' },
      { amount: 1999, currency: 'USD', locale: 'en', expected: '$19.99' },
      { amount: -1999, currency: 'USD', locale: 'en', expected: '19.99' },
      { amount: 1234, currency: 'IQD', locale: 'en', expected: '1.234' },
      { amount: 123456789012345, currency: 'USD', locale: 'en', expected: '1,234,567,890,123.45' },
    ])
    .run(({ assert }, { amount, currency, locale, expected }) => {
      assert.include(formatMoney(money(amount, currency), locale), expected)
    })

  test('negative amounts carry a minus sign', ({ assert }) => {
    const formatted = formatMoney(money(-1999, 'USD'), 'en')
    assert.match(formatted, /^[-−]/)
    assert.notMatch(formatMoney(money(1999, 'USD'), 'en'), /[-−]/)
  })

  test('Arabic locale formats without throwing', ({ assert }) => {
    assert.isString(formatMoney(money(1234, 'KWD'), 'ar'))
  })
})

test.group('Money | toProcessorAmount', () => {
  test('{amount} {currency} → {expected}')
    .with([
      { amount: 1234, currency: 'KWD', expected: 1230n },
      { amount: 1235, currency: 'KWD', expected: 1240n },
      { amount: 1245, currency: 'KWD', expected: 1240n },
      { amount: 1236, currency: 'KWD', expected: 1240n },
      { amount: 1230, currency: 'KWD', expected: 1230n },
      { amount: 5, currency: 'KWD', expected: 0n },
      { amount: 15, currency: 'KWD', expected: 20n },
      { amount: -1235, currency: 'KWD', expected: -1240n },
      { amount: -1245, currency: 'KWD', expected: -1240n },
      { amount: 1235, currency: 'IQD', expected: 1240n },
      { amount: 1235, currency: 'USD', expected: 1235n },
      { amount: 1235, currency: 'JPY', expected: 1235n },
    ])
    .run(({ assert }, { amount, currency, expected }) => {
      assert.equal(toProcessorAmount(money(amount, currency)), expected)
    })
})
