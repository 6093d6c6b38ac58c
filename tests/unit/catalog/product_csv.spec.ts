import { test } from '@japa/runner'
import {
  CsvRejected,
  csvHeader,
  csvRowsOf,
  readProductCsv,
  type ExportedProduct,
} from '#catalog/services/product_csv'

const product: ExportedProduct = {
  slug: 'oud-oil',
  title: '=HYPERLINK("http://evil")',
  status: 'active',
  categoryName: 'Perfume',
  tags: ['oud', 'gift'],
  trackStock: true,
  description: 'Rich, "dark"\nand warm',
  currency: 'KWD',
  optionNames: ['Size', null, null],
  variants: [
    {
      values: ['3 ml', null, null],
      sku: 'OUD-3',
      priceAmount: 12500n,
      compareAtAmount: null,
      costAmount: 4250n,
      stock: 7,
    },
    {
      values: ['6 ml', null, null],
      sku: 'OUD-6',
      priceAmount: 22750n,
      compareAtAmount: 25000n,
      costAmount: null,
      stock: 0,
    },
  ],
}

function problemsOf(csv: string, currency = 'KWD') {
  try {
    readProductCsv(csv, currency)
  } catch (error) {
    if (error instanceof CsvRejected) return error.problems
    throw error
  }
  return []
}

test.group('Catalog CSV | the file format', () => {
  test('what the export writes, the import reads back, formulas defused both ways', ({
    assert,
  }) => {
    const csv = csvHeader() + csvRowsOf(product)
    assert.include(csv, `"'=HYPERLINK(""http://evil"")"`)
    const [read] = readProductCsv(csv, 'KWD')
    assert.equal(read.title, product.title)
    assert.equal(read.description, product.description)
    assert.equal(read.categoryName, 'Perfume')
    assert.deepEqual(read.tags, ['oud', 'gift'])
    assert.deepEqual(read.options, [{ name: 'Size', values: ['3 ml', '6 ml'] }])
    assert.deepEqual(
      read.variants.map((variant) => [variant.priceAmount, variant.compareAtAmount, variant.stock]),
      [
        [12500n, null, 7],
        [22750n, 25000n, 0],
      ]
    )
  })

  test('negative amounts and numbers are not taken for formulas', ({ assert }) => {
    const csv = csvRowsOf({ ...product, title: '-5 off', tags: [] })
    assert.include(csv, ',-5 off,')
  })

  test('{label} is reported at line {line}, column {column}')
    .with([
      {
        label: 'a missing option value',
        row: 'x,X,active,,,,,Size,,,,,,,1.000,,,1',
        line: 2,
        column: 'option1_value',
      },
      {
        label: 'a value without an option name',
        row: 'x,X,active,,,,,,S,,,,,,1.000,,,1',
        line: 2,
        column: 'option1_value',
      },
      {
        label: 'a fourth decimal in KWD',
        row: 'x,X,active,,,,,,,,,,,,1.0005,,,1',
        line: 2,
        column: 'price',
      },
      {
        label: 'a fraction of a unit of stock',
        row: 'x,X,active,,,,,,,,,,,,1.000,,,1.5',
        line: 2,
        column: 'stock',
      },
      {
        label: 'another currency',
        row: 'x,X,active,,,,,,,,,,,,1.000,,,1,USD',
        line: 2,
        column: 'currency',
      },
      { label: 'a missing price', row: 'x,X,active,,,,,,,,,,,,,,,1', line: 2, column: 'price' },
      {
        label: 'a title over 200 characters',
        row: `x,${'t'.repeat(201)},active,,,,,,,,,,,,1.000,,,1`,
        line: 2,
        column: 'title',
      },
    ])
    .run(({ assert }, { row, line, column }) => {
      const problems = problemsOf(`${csvHeader()}${row}\n`)
      assert.deepInclude(
        problems.map((problem) => ({ line: problem.line, column: problem.column })),
        { line, column }
      )
    })

  test('a row longer than the header is refused (an unquoted comma), a shorter one is fine', ({
    assert,
  }) => {
    const header = 'handle,title,price,stock'
    assert.lengthOf(readProductCsv(`${header}\nx,X,1\n`, 'USD').at(0)!.variants, 1)
    const problems = problemsOf(`${header}\nx,X,1,5,9\n`, 'USD')
    assert.equal(problems[0].line, 2)
    assert.include(problems[0].message, 'double quotes')
  })

  test('rows of one product must agree, and every combination needs a row', ({ assert }) => {
    const header = csvHeader()
    const disagree = problemsOf(
      `${header}x,X,active,,,,,Size,S,,,,,,1.000,,,1\nx,Other title,,,,,,,M,,,,,,1.000,,,1\n`
    )
    assert.deepInclude(
      disagree.map((problem) => `${problem.line}:${problem.column}`),
      '3:title'
    )
    const missing = problemsOf(
      `${header}x,X,active,,,,,Size,S,Colour,Red,,,,1.000,,,1\nx,,,,,,,,M,,Blue,,,,1.000,,,1\n`
    )
    assert.deepInclude(
      missing.map((problem) => `${problem.line}:${problem.column}`),
      '2:option1_value'
    )
    const repeated = problemsOf(
      `${header}x,X,active,,,,,Size,S,,,,,,1.000,,,1\nx,,,,,,,,s,,,,,,1.000,,,1\n`
    )
    assert.include(repeated[0].message, 'line 2')
  })
})
