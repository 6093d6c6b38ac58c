import { test } from '@japa/runner'
import { money, sumMoney } from '#core/mod'
import { allocateDiscount, discountOn } from '#storefront/services/discount_amounts'
import { checkoutTotals } from '#storefront/services/checkout_totals'

const kwd = (amount: bigint) => money(amount, 'KWD')

test.group('Discount amounts | what a code takes off', () => {
  test('{label}')
    .with([
      {
        label: '10 % of 19.535 KWD is 1.954 (half-even: 1.9535)',
        subtotal: 19535n,
        bp: 1000,
        off: 1954n,
      },
      {
        label: '10 % of 19.525 KWD is 1.952 (half-even: 1.9525)',
        subtotal: 19525n,
        bp: 1000,
        off: 1952n,
      },
      { label: '50 % of 5 fils is 2 fils (half-even: 2.5)', subtotal: 5n, bp: 5000, off: 2n },
      { label: '50 % of 7 fils is 4 fils (half-even: 3.5)', subtotal: 7n, bp: 5000, off: 4n },
      { label: '100 % takes the whole goods off', subtotal: 12500n, bp: 10_000, off: 12500n },
      { label: '12.5 % of 8.000 KWD is 1.000', subtotal: 8000n, bp: 1250, off: 1000n },
    ])
    .run(({ assert }, row) => {
      assert.deepEqual(
        discountOn(kwd(row.subtotal), { kind: 'percentage', basisPoints: row.bp }),
        kwd(row.off)
      )
    })

  test('a fixed amount is taken off whole, never more than the goods', ({ assert }) => {
    const rule = { kind: 'fixed' as const, amount: kwd(2500n) }
    assert.deepEqual(discountOn(kwd(10_000n), rule), kwd(2500n))
    assert.deepEqual(discountOn(kwd(2500n), rule), kwd(2500n))
    assert.deepEqual(discountOn(kwd(1750n), rule), kwd(1750n))
    assert.deepEqual(discountOn(kwd(0n), rule), kwd(0n))
  })

  test('a fixed amount in another currency, or a percentage past 100 %, is refused', ({
    assert,
  }) => {
    assert.throws(() => discountOn(kwd(1000n), { kind: 'fixed', amount: money(100n, 'USD') }))
    assert.throws(() => discountOn(kwd(1000n), { kind: 'percentage', basisPoints: 10_001 }))
    assert.throws(() => discountOn(kwd(1000n), { kind: 'percentage', basisPoints: -1 }))
  })

  test('spread over the lines, the parts add up to the discount exactly', ({ assert }) => {
    const lines = [kwd(7035n), kwd(12500n), kwd(0n)]
    const parts = allocateDiscount(kwd(1954n), lines)
    assert.lengthOf(parts, 3)
    assert.deepEqual(sumMoney(parts, 'KWD'), kwd(1954n))
    assert.deepEqual(parts[2], kwd(0n))
    assert.isTrue(parts[1].amount > parts[0].amount)
    assert.deepEqual(allocateDiscount(kwd(0n), lines), [kwd(0n), kwd(0n), kwd(0n)])
    assert.deepEqual(allocateDiscount(kwd(5n), []), [])
  })
})

test.group('Discount amounts | the checkout total, tax after the discount', () => {
  const lines = [
    { unitPrice: kwd(2345n), quantity: 3 },
    { unitPrice: kwd(12500n), quantity: 1 },
  ]
  const percent10 = { kind: 'percentage' as const, basisPoints: 1000 }

  test('KWD without tax: 10 % off 19.535, 1.000 shipping, 5 % added on 18.581', ({ assert }) => {
    const totals = checkoutTotals(
      lines,
      'KWD',
      { shipping: kwd(1000n), taxRateBp: 500, pricesIncludeTax: false },
      percent10
    )
    assert.deepEqual(totals.subtotal, kwd(19535n))
    assert.deepEqual(totals.discount, kwd(1954n))
    // (19.535 − 1.954 + 1.000) × 5 % = 0.92905 → 0.929
    assert.deepEqual(totals.tax, kwd(929n))
    assert.deepEqual(totals.total, kwd(19510n))
  })

  test('KWD with VAT in the prices: the VAT is the part of the discounted total', ({ assert }) => {
    const totals = checkoutTotals(
      lines,
      'KWD',
      { shipping: kwd(1000n), taxRateBp: 500, pricesIncludeTax: true },
      percent10
    )
    assert.deepEqual(totals.discount, kwd(1954n))
    // 18.581 gross: net 18.581 / 1.05 = 17.69619 → 17.696, VAT 0.885
    assert.deepEqual(totals.tax, kwd(885n))
    assert.deepEqual(totals.total, kwd(18581n))
  })

  test('a fixed code larger than the goods leaves the shipping and its tax', ({ assert }) => {
    const totals = checkoutTotals(
      lines,
      'KWD',
      { shipping: kwd(1000n), taxRateBp: 500, pricesIncludeTax: false },
      { kind: 'fixed', amount: kwd(25_000n) }
    )
    assert.deepEqual(totals.discount, kwd(19535n))
    assert.deepEqual(totals.tax, kwd(50n))
    assert.deepEqual(totals.total, kwd(1050n))
  })

  test('without a code nothing is taken off', ({ assert }) => {
    const totals = checkoutTotals(lines, 'KWD', {
      shipping: kwd(0n),
      taxRateBp: 0,
      pricesIncludeTax: false,
    })
    assert.deepEqual(totals.discount, kwd(0n))
    assert.deepEqual(totals.total, kwd(19535n))
  })
})
