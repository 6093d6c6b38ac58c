import { test } from '@japa/runner'
import {
  MAX_VARIANTS,
  normalizeOptions,
  optionProblem,
  splitValues,
  variantCombinations,
  variantSku,
} from '#catalog/services/variant_options'
import { slugify } from '#catalog/services/slugs'

test.group('Catalog | option values', () => {
  const CASES: [string, string[]][] = [
    ['S, M, L', ['S', 'M', 'L']],
    [' S ,, M ,  ', ['S', 'M']],
    ['Red, red, RED, Blue', ['Red', 'Blue']],
    ['أحمر، أزرق', ['أحمر', 'أزرق']],
    ['Extra   Large, XL', ['Extra Large', 'XL']],
    ['', []],
  ]
  for (const [text, expected] of CASES) {
    test(`"${text}" → ${JSON.stringify(expected)}`, ({ assert }) => {
      assert.deepEqual(splitValues(text), expected)
    })
  }

  test('options with neither a name nor values are left out', ({ assert }) => {
    assert.deepEqual(
      normalizeOptions([
        { name: 'Size', values: 'S, M' },
        { name: '', values: '' },
        { name: null, values: null },
      ]),
      [{ name: 'Size', values: ['S', 'M'] }]
    )
  })
})

test.group('Catalog | variants from options', () => {
  test('no options: one default variant of nulls', ({ assert }) => {
    assert.deepEqual(variantCombinations([]), [[null, null, null]])
  })

  test('one option: one variant per value, in order', ({ assert }) => {
    assert.deepEqual(variantCombinations([{ name: 'Size', values: ['S', 'M'] }]), [
      ['S', null, null],
      ['M', null, null],
    ])
  })

  test('three options: every combination, the first option varying slowest', ({ assert }) => {
    const combinations = variantCombinations([
      { name: 'Size', values: ['S', 'M'] },
      { name: 'Colour', values: ['Red', 'Blue'] },
      { name: 'Fit', values: ['Slim', 'Loose', 'Wide'] },
    ])
    assert.lengthOf(combinations, 12)
    assert.deepEqual(combinations[0], ['S', 'Red', 'Slim'])
    assert.deepEqual(combinations[1], ['S', 'Red', 'Loose'])
    assert.deepEqual(combinations[3], ['S', 'Blue', 'Slim'])
    assert.deepEqual(combinations[11], ['M', 'Blue', 'Wide'])
    assert.equal(new Set(combinations.map((values) => values.join('/'))).size, 12)
  })

  const PROBLEMS: [string, Parameters<typeof optionProblem>[0], string | null][] = [
    ['fine', [{ name: 'Size', values: ['S'] }], null],
    ['none', [], null],
    [
      'four options',
      ['A', 'B', 'C', 'D'].map((name) => ({ name, values: ['1'] })),
      'too_many_options',
    ],
    ['a nameless option', [{ name: '', values: ['S'] }], 'option_without_name'],
    ['an option without values', [{ name: 'Size', values: [] }], 'option_without_values'],
    [
      'the same option twice',
      [
        { name: 'Size', values: ['S'] },
        { name: 'size', values: ['M'] },
      ],
      'duplicate_option_name',
    ],
    [
      'too many values',
      [{ name: 'Size', values: Array.from({ length: 21 }, (_, index) => `v${index}`) }],
      'too_many_values',
    ],
    [
      `more than ${MAX_VARIANTS} variants`,
      [
        { name: 'A', values: Array.from({ length: 11 }, (_, index) => `a${index}`) },
        { name: 'B', values: Array.from({ length: 10 }, (_, index) => `b${index}`) },
      ],
      'too_many_variants',
    ],
  ]
  for (const [label, options, code] of PROBLEMS) {
    test(`${label}: ${code ?? 'no problem'}`, ({ assert }) => {
      assert.equal(optionProblem(options)?.code ?? null, code)
    })
  }

  test('a generated SKU adds the values to the base', ({ assert }) => {
    assert.equal(variantSku('TEE', ['M', 'Sky Blue', null]), 'TEE-M-SKYBLUE')
    assert.isNull(variantSku(null, ['M', null, null]))
    assert.equal(variantSku('TEE', [null, null, null]), 'TEE')
  })
})

test.group('Catalog | slugs', () => {
  const CASES: [string, string][] = [
    ['Linen Shirt', 'linen-shirt'],
    ['  Café  Crème! ', 'cafe-creme'],
    ['قميص كتان', 'قميص-كتان'],
    ['!!!', ''],
    ['T-Shirt (XL) 2024', 't-shirt-xl-2024'],
  ]
  for (const [title, slug] of CASES) {
    test(`"${title}" → "${slug}"`, ({ assert }) => {
      assert.equal(slugify(title), slug)
    })
  }
})
