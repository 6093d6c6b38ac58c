import { test } from '@japa/runner'
import {
  addMoney,
  allocateMoney,
  compareMoney,
  CurrencyMismatchError,
  formatMoney,
  isZeroMoney,
  minorUnitExponent,
  money,
  MoneyInputError,
  multiplyMoney,
  negateMoney,
  parseMoney,
  percentOfMoney,
  subtractMoney,
  sumMoney,
  taxAddedTo,
  taxIncludedIn,
  toDecimalString,
  toProcessorAmount,
} from '#core/services/money'

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

test.group('Money | parseMoney', () => {
  test('"{input}" in {currency} ({locale}) is {expected} minor units')
    .with([
      { input: '12.5', currency: 'USD', locale: 'en', expected: 1250n },
      { input: '12', currency: 'USD', locale: 'en', expected: 1200n },
      { input: '.5', currency: 'USD', locale: 'en', expected: 50n },
      { input: '1,234.50', currency: 'USD', locale: 'en', expected: 123450n },
      { input: ' 12.500 ', currency: 'KWD', locale: 'en', expected: 12500n },
      { input: '0.005', currency: 'KWD', locale: 'en', expected: 5n },
      { input: '١٢٫٥', currency: 'KWD', locale: 'ar', expected: 12500n },
      { input: '١٬٢٣٤٫٧٥٠', currency: 'KWD', locale: 'ar', expected: 1234750n },
      { input: '۱۲٫۵', currency: 'IQD', locale: 'ar', expected: 12500n },
      { input: '12.5', currency: 'KWD', locale: 'ar', expected: 12500n },
      { input: '12,50', currency: 'EUR', locale: 'de', expected: 1250n },
      { input: '1.234,5', currency: 'EUR', locale: 'de', expected: 123450n },
      { input: '12.5', currency: 'EUR', locale: 'fr', expected: 1250n },
      { input: '1 234,5', currency: 'EUR', locale: 'fr', expected: 123450n },
      { input: '500', currency: 'JPY', locale: 'en', expected: 500n },
      { input: '500.00', currency: 'JPY', locale: 'en', expected: 500n },
      { input: '12.5000', currency: 'USD', locale: 'en', expected: 1250n },
      { input: '-3.25', currency: 'USD', locale: 'en', expected: -325n },
      { input: '\u200f12.5', currency: 'USD', locale: 'ar', expected: 1250n },
      { input: '22,750', currency: 'USD', locale: 'en', expected: 2275000n },
      { input: '1,222,750', currency: 'KWD', locale: 'en', expected: 1222750000n },
      { input: '22,750.000', currency: 'KWD', locale: 'en', expected: 22750000n },
      { input: '22750', currency: 'KWD', locale: 'en', expected: 22750000n },
      { input: '٢٢٬٧٥٠', currency: 'KWD', locale: 'ar', expected: 22750000n },
    ])
    .run(({ assert }, { input, currency, locale, expected }) => {
      assert.deepEqual(parseMoney(input, currency, locale), { amount: expected, currency })
    })

  test('"{input}" in {currency} ({locale}) is refused with {code}')
    .with([
      { input: '', currency: 'USD', locale: 'en', code: 'money.invalid' },
      { input: 'abc', currency: 'USD', locale: 'en', code: 'money.invalid' },
      { input: '12.5.0', currency: 'USD', locale: 'en', code: 'money.invalid' },
      { input: '1,23', currency: 'USD', locale: 'en', code: 'money.invalid' },
      { input: '12,5', currency: 'KWD', locale: 'ar', code: 'money.invalid' },
      { input: '22,750', currency: 'KWD', locale: 'en', code: 'money.ambiguous' },
      { input: '22.750', currency: 'BHD', locale: 'de', code: 'money.ambiguous' },
      { input: '-1,500', currency: 'KWD', locale: 'en', code: 'money.ambiguous' },
      { input: '1e5', currency: 'USD', locale: 'en', code: 'money.invalid' },
      { input: '12.345', currency: 'USD', locale: 'en', code: 'money.too_many_decimals' },
      { input: '12.3456', currency: 'KWD', locale: 'en', code: 'money.too_many_decimals' },
      { input: '12.5', currency: 'JPY', locale: 'en', code: 'money.too_many_decimals' },
      { input: '99999999999999999999', currency: 'USD', locale: 'en', code: 'money.too_large' },
      { input: '1'.repeat(200), currency: 'USD', locale: 'en', code: 'money.too_large' },
      { input: '12', currency: 'XYZ', locale: 'en', code: 'money.unknown_currency' },
    ])
    .run(({ assert }, { input, currency, locale, code }) => {
      try {
        parseMoney(input, currency, locale)
        assert.fail(`"${input}" was accepted`)
      } catch (error) {
        assert.instanceOf(error, MoneyInputError)
        assert.equal((error as MoneyInputError).code, code)
      }
    })

  test('the invalid-input error carries an example in the currency', ({ assert }) => {
    try {
      parseMoney('abc', 'KWD', 'en')
      assert.fail('accepted')
    } catch (error) {
      assert.deepEqual((error as MoneyInputError).values, { currency: 'KWD', example: '12.500' })
    }
  })

  test('an ambiguous KWD amount names both readings', ({ assert }) => {
    try {
      parseMoney('22,750', 'KWD', 'en')
      assert.fail('accepted')
    } catch (error) {
      assert.deepEqual((error as MoneyInputError).values, {
        input: '22,750',
        currency: 'KWD',
        whole: '22750',
        point: '22.750',
      })
    }
  })

  test('toDecimalString gives back what parseMoney reads', ({ assert }) => {
    for (const [amount, currency, text] of [
      [12500n, 'KWD', '12.500'],
      [5n, 'KWD', '0.005'],
      [1999n, 'USD', '19.99'],
      [500n, 'JPY', '500'],
      [-325n, 'USD', '-3.25'],
    ] as const) {
      assert.equal(toDecimalString(money(amount, currency)), text)
      assert.deepEqual(parseMoney(text, currency), money(amount, currency))
    }
  })
})

test.group('Money | arithmetic', () => {
  test('adds, subtracts, multiplies and sums exactly in fils', ({ assert }) => {
    const price = money(1125n, 'KWD')
    assert.deepEqual(addMoney(price, money(1n, 'KWD')), money(1126n, 'KWD'))
    assert.deepEqual(subtractMoney(price, money(2000n, 'KWD')), money(-875n, 'KWD'))
    assert.deepEqual(multiplyMoney(price, 3), money(3375n, 'KWD'))
    assert.deepEqual(sumMoney([price, price, money(1n, 'KWD')], 'KWD'), money(2251n, 'KWD'))
    assert.deepEqual(sumMoney([], 'KWD'), money(0n, 'KWD'))
    assert.deepEqual(negateMoney(price), money(-1125n, 'KWD'))
    assert.isTrue(isZeroMoney(money(0n, 'USD')))
    assert.isFalse(isZeroMoney(price))
    assert.equal(compareMoney(price, money(1124n, 'KWD')), 1)
    assert.equal(compareMoney(price, price), 0)
    assert.equal(compareMoney(money(1n, 'KWD'), price), -1)
  })

  test('never mixes currencies', ({ assert }) => {
    assert.throws(() => addMoney(money(1n, 'KWD'), money(1n, 'USD')), CurrencyMismatchError)
    assert.throws(() => compareMoney(money(1n, 'KWD'), money(1n, 'USD')), CurrencyMismatchError)
    assert.throws(() => sumMoney([money(1n, 'USD')], 'KWD'), CurrencyMismatchError)
  })

  test('a quantity is a whole number', ({ assert }) => {
    assert.throws(() => multiplyMoney(money(100n, 'USD'), 1.5), /whole number/)
  })

  test('{basisPoints} bp of {amount} {currency} is {expected} (half-even)')
    .with([
      { amount: 1005n, currency: 'USD', basisPoints: 1000, expected: 100n },
      { amount: 1015n, currency: 'USD', basisPoints: 1000, expected: 102n },
      { amount: 10952n, currency: 'KWD', basisPoints: 500, expected: 548n },
      { amount: 333n, currency: 'KWD', basisPoints: 1500, expected: 50n },
      { amount: 999n, currency: 'JPY', basisPoints: 250, expected: 25n },
      { amount: 1000n, currency: 'USD', basisPoints: 0, expected: 0n },
    ])
    .run(({ assert }, { amount, currency, basisPoints, expected }) => {
      assert.deepEqual(
        percentOfMoney(money(amount, currency), basisPoints),
        money(expected, currency)
      )
    })

  test('tax inside {gross} {currency} at {rate} bp is {tax}, and net + tax is the gross')
    .with([
      { gross: 11500n, currency: 'KWD', rate: 500, tax: 548n },
      { gross: 1150n, currency: 'USD', rate: 1500, tax: 150n },
      { gross: 1000n, currency: 'BHD', rate: 1000, tax: 91n },
      { gross: 1n, currency: 'KWD', rate: 500, tax: 0n },
      { gross: 5000n, currency: 'KWD', rate: 0, tax: 0n },
    ])
    .run(({ assert }, { gross, currency, rate, tax }) => {
      const included = taxIncludedIn(money(gross, currency), rate)
      assert.deepEqual(included, money(tax, currency))
      assert.isTrue(subtractMoney(money(gross, currency), included).amount + tax === gross)
    })

  test('tax added to a net amount; a negative rate is refused', ({ assert }) => {
    assert.deepEqual(taxAddedTo(money(10952n, 'KWD'), 500), money(548n, 'KWD'))
    assert.deepEqual(taxAddedTo(money(1999n, 'USD'), 825), money(165n, 'USD'))
    assert.throws(() => taxAddedTo(money(100n, 'USD'), -1), /negative/)
  })

  test('allocating {amount} {currency} over {ratios} gives {expected}')
    .with([
      { amount: 10000n, currency: 'KWD', ratios: [1, 1, 1], expected: [3334n, 3333n, 3333n] },
      { amount: 100n, currency: 'KWD', ratios: [0.5, 0.25, 0.25], expected: [50n, 25n, 25n] },
      { amount: 5n, currency: 'KWD', ratios: [0, 1], expected: [0n, 5n] },
      { amount: 1n, currency: 'USD', ratios: [1, 1, 1], expected: [1n, 0n, 0n] },
      { amount: 0n, currency: 'USD', ratios: [0, 0], expected: [0n, 0n] },
      {
        amount: 1000n,
        currency: 'KWD',
        ratios: [3375n, 1998n, 12500n],
        expected: [189n, 111n, 700n],
      },
    ])
    .run(({ assert }, { amount, currency, ratios, expected }) => {
      const parts = allocateMoney(money(amount, currency), ratios)
      assert.deepEqual(
        parts.map((part) => part.amount),
        expected
      )
      assert.equal(sumMoney(parts, currency).amount, amount)
    })

  test('allocation refuses nonsense ratios', ({ assert }) => {
    assert.throws(() => allocateMoney(money(5n, 'USD'), []), /no ratios/)
    assert.throws(() => allocateMoney(money(5n, 'USD'), [0, 0]), /all zero/)
    assert.throws(() => allocateMoney(money(5n, 'USD'), [-1, 2]), /non-negative/)
  })

  test('a 3-decimal cart stays exact through discount, tax and the card hand-off', ({ assert }) => {
    const lines = [
      multiplyMoney(money(1125n, 'KWD'), 3),
      multiplyMoney(money(999n, 'KWD'), 2),
      multiplyMoney(money(12500n, 'KWD'), 1),
    ]
    const subtotal = sumMoney(lines, 'KWD')
    assert.equal(subtotal.amount, 17873n)

    const discounts = allocateMoney(
      money(1000n, 'KWD'),
      lines.map((line) => line.amount)
    )
    assert.equal(sumMoney(discounts, 'KWD').amount, 1000n)
    const discounted = lines.map((line, index) => subtractMoney(line, discounts[index]))
    const net = sumMoney(discounted, 'KWD')
    assert.equal(net.amount, 16873n)

    const tax = taxAddedTo(net, 500)
    assert.equal(tax.amount, 844n)
    const total = addMoney(net, tax)
    assert.equal(toDecimalString(total), '17.717')
    assert.equal(toProcessorAmount(total), 17720n)
  })
})
