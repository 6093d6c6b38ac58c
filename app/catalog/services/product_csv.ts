import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { Invalid } from '#core/mod'
import { MoneyInputError, parseMoney, toDecimalString } from './money_api.js'
import { moneyMessage } from './amounts.js'
import { PRODUCT_STATUSES, type ProductStatus } from '../models/product.js'
import { MAX_STOCK } from './product_rules.js'
import { readTags } from './product_form.js'
import { describeOptionProblem } from './option_messages.js'
import {
  optionProblem,
  variantCombinations,
  type OptionValues,
  type ProductOption,
} from './variant_options.js'
import { say } from '../messages.js'
import { slugify } from './slugs.js'

/**
 * The catalog as a spreadsheet: one row per variant, the product's own
 * columns on its first row (later rows of the same handle may leave them
 * empty), amounts as decimals in the store's currency. What the export
 * writes, the import reads back.
 */
export const CSV_COLUMNS = [
  'handle',
  'title',
  'status',
  'category',
  'tags',
  'track_stock',
  'description',
  'option1_name',
  'option1_value',
  'option2_name',
  'option2_value',
  'option3_name',
  'option3_value',
  'sku',
  'price',
  'compare_at_price',
  'cost',
  'stock',
  'currency',
] as const

type Column = (typeof CSV_COLUMNS)[number]
const REQUIRED_COLUMNS: Column[] = ['handle', 'title', 'price']
const PRODUCT_COLUMNS: Column[] = [
  'title',
  'status',
  'category',
  'tags',
  'track_stock',
  'description',
  'option1_name',
  'option2_name',
  'option3_name',
]

/** Far more than a shop lists; a bigger file is split by the merchant */
export const MAX_IMPORT_ROWS = 20_000
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024

export interface CsvProblem {
  /** The line in the file (the header is line 1), as a spreadsheet numbers it */
  line: number
  column: Column | null
  message: string
}

export interface ImportedVariant {
  line: number
  values: OptionValues
  sku: string | null
  priceAmount: bigint
  compareAtAmount: bigint | null
  costAmount: bigint | null
  stock: number
}

export interface ImportedProduct {
  line: number
  slug: string
  title: string
  status: ProductStatus
  categoryName: string | null
  tags: string[]
  trackStock: boolean
  description: string
  options: ProductOption[]
  variants: ImportedVariant[]
}

export class CsvRejected extends Error {
  constructor(readonly problems: CsvProblem[]) {
    super(`The file has ${problems.length} problem(s)`)
  }
}

/* -------------------------------------------------------------- export -- */

export interface ExportedProduct {
  slug: string
  title: string
  status: string
  categoryName: string | null
  tags: string[]
  trackStock: boolean
  description: string
  currency: string
  optionNames: (string | null)[]
  variants: {
    values: (string | null)[]
    sku: string | null
    priceAmount: bigint
    compareAtAmount: bigint | null
    costAmount: bigint | null
    stock: number
  }[]
}

export function csvHeader() {
  return stringify([[...CSV_COLUMNS]])
}

/** The rows of one product; a cell that a spreadsheet would run as a formula is quoted with ' */
export function csvRowsOf(product: ExportedProduct) {
  const amount = (value: bigint | null) =>
    value === null ? '' : toDecimalString({ amount: value, currency: product.currency })
  const rows = product.variants.map((variant, index) => {
    const first = index === 0
    const cells: Record<Column, string> = {
      handle: product.slug,
      title: first ? product.title : '',
      status: first ? product.status : '',
      category: first ? (product.categoryName ?? '') : '',
      tags: first ? product.tags.join(', ') : '',
      track_stock: first ? String(product.trackStock) : '',
      description: first ? product.description : '',
      option1_name: first ? (product.optionNames[0] ?? '') : '',
      option1_value: variant.values[0] ?? '',
      option2_name: first ? (product.optionNames[1] ?? '') : '',
      option2_value: variant.values[1] ?? '',
      option3_name: first ? (product.optionNames[2] ?? '') : '',
      option3_value: variant.values[2] ?? '',
      sku: variant.sku ?? '',
      price: amount(variant.priceAmount),
      compare_at_price: amount(variant.compareAtAmount),
      cost: amount(variant.costAmount),
      stock: String(variant.stock),
      currency: product.currency,
    }
    return CSV_COLUMNS.map((column) => defuseFormula(cells[column]))
  })
  return stringify(rows)
}

function defuseFormula(cell: string) {
  return /^[=+\-@\t\r]/.test(cell) && !/^-?\d/.test(cell) ? `'${cell}` : cell
}

/* -------------------------------------------------------------- import -- */

type Row = { line: number; cells: Partial<Record<Column, string>> }

function readRows(text: string): Row[] {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
      // Spreadsheets drop empty cells at the end of a row
      relax_column_count: true,
    }) as unknown as typeof records
  } catch (error) {
    const line = Number((error as { lines?: number }).lines ?? 1)
    throw new CsvRejected([{ line, column: null, message: say('imports.unreadable') }])
  }
  if (records.length === 0) {
    throw new CsvRejected([{ line: 1, column: null, message: say('imports.empty') }])
  }
  const [header, ...body] = records
  const columns = header.record.map((name) => name.trim().toLowerCase().replace(/\s+/g, '_'))
  const problems: CsvProblem[] = []
  for (const name of columns) {
    if (!CSV_COLUMNS.includes(name as Column)) {
      problems.push({
        line: 1,
        column: null,
        message: say('imports.unknown_column', { name, columns: CSV_COLUMNS.join(', ') }),
      })
    }
  }
  for (const name of REQUIRED_COLUMNS) {
    if (!columns.includes(name)) {
      problems.push({ line: 1, column: name, message: say('imports.missing_column', { name }) })
    }
  }
  if (problems.length) throw new CsvRejected(problems)
  if (body.length === 0) {
    throw new CsvRejected([{ line: 2, column: null, message: say('imports.no_rows') }])
  }
  if (body.length > MAX_IMPORT_ROWS) {
    throw new CsvRejected([
      {
        line: MAX_IMPORT_ROWS + 2,
        column: null,
        message: say('imports.too_many_rows', { max: MAX_IMPORT_ROWS }),
      },
    ])
  }
  const overlong = body.find(({ record }) =>
    record.slice(columns.length).some((cell) => cell !== '')
  )
  if (overlong) {
    throw new CsvRejected([
      {
        line: overlong.info.lines,
        column: null,
        message: say('imports.too_many_cells', { count: columns.length }),
      },
    ])
  }
  return body.map(({ record, info }) => {
    const cells: Partial<Record<Column, string>> = {}
    columns.forEach((name, index) => {
      cells[name as Column] = stripFormulaGuard(record[index] ?? '')
    })
    return { line: info.lines, cells }
  })
}

/** What the export added in front of a formula-like cell */
function stripFormulaGuard(cell: string) {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell
}

const TRUE = new Set(['true', 'yes', '1', 'y', 'نعم'])
const FALSE = new Set(['false', 'no', '0', 'n', 'لا'])

/**
 * Reads the whole file and checks every row against the catalog's rules,
 * collecting every problem (line, column, what to change) instead of
 * stopping at the first: nothing is written unless the whole file is good.
 */
export function readProductCsv(text: string, currency: string, locale = 'en'): ImportedProduct[] {
  const rows = readRows(text)
  const problems: CsvProblem[] = []
  const problem = (line: number, column: Column | null, message: string) =>
    problems.push({ line, column, message })

  const groups = new Map<string, Row[]>()
  for (const row of rows) {
    const asked = (row.cells.handle ?? '').trim()
    const handle = slugify(asked)
    if (!handle || asked.length > 120) {
      problem(row.line, 'handle', say(asked ? 'imports.handle_invalid' : 'imports.handle_required'))
      continue
    }
    groups.set(handle, [...(groups.get(handle) ?? []), row])
  }

  const products: ImportedProduct[] = []
  for (const [slug, group] of groups) {
    const first = group[0]
    const read = (column: Column) => (first.cells[column] ?? '').trim()
    for (const row of group.slice(1)) {
      for (const column of PRODUCT_COLUMNS) {
        const value = (row.cells[column] ?? '').trim()
        if (value && value !== read(column)) {
          problem(row.line, column, say('imports.differs_from_first', { line: first.line }))
        }
      }
    }

    const title = read('title')
    if (!title) problem(first.line, 'title', say('imports.title_required'))
    else if ([...title].length > 200)
      problem(first.line, 'title', say('imports.too_long', { max: 200 }))

    const statusText = read('status').toLowerCase() || 'draft'
    const status = PRODUCT_STATUSES.find((known) => known === statusText)
    if (!status) {
      problem(
        first.line,
        'status',
        say('imports.status', { statuses: PRODUCT_STATUSES.join(', ') })
      )
    }

    const trackText = read('track_stock').toLowerCase()
    const trackStock =
      trackText === '' ? true : TRUE.has(trackText) ? true : FALSE.has(trackText) ? false : null
    if (trackStock === null) problem(first.line, 'track_stock', say('imports.boolean'))

    let tags: string[] = []
    try {
      tags = readTags(read('tags'))
    } catch (error) {
      if (!(error instanceof Invalid)) throw error
      problem(first.line, 'tags', error.message)
    }

    const description = read('description')
    if (description.length > 20_000) {
      problem(first.line, 'description', say('imports.too_long', { max: 20_000 }))
    }
    const rowCurrency = group.map((row) => (row.cells.currency ?? '').trim().toUpperCase())
    rowCurrency.forEach((code, index) => {
      if (code && code !== currency) {
        problem(group[index].line, 'currency', say('imports.currency', { currency }))
      }
    })

    const names = (['option1_name', 'option2_name', 'option3_name'] as const)
      .map((column) => read(column))
      .filter(Boolean)
    const valueColumns = ['option1_value', 'option2_value', 'option3_value'] as const
    const variants: ImportedVariant[] = []
    const seen = new Map<string, number>()
    for (const row of group) {
      const cell = (column: Column) => (row.cells[column] ?? '').trim()
      const values = valueColumns.map((column, index) => {
        const value = cell(column).replace(/\s+/g, ' ')
        if (index < names.length && !value) {
          problem(row.line, column, say('imports.option_value_required', { name: names[index] }))
        }
        if (index >= names.length && value) {
          problem(row.line, column, say('imports.option_without_name', { index: index + 1 }))
        }
        return index < names.length ? value || null : null
      }) as OptionValues
      const key = JSON.stringify(values.map((value) => value?.toLocaleLowerCase() ?? null))
      if (seen.has(key)) {
        problem(
          row.line,
          valueColumns[0],
          say('imports.duplicate_variant', { line: seen.get(key)! })
        )
      }
      seen.set(key, row.line)

      const amount = (column: Column, optional: boolean) => {
        const typed = cell(column)
        if (!typed) {
          if (!optional) problem(row.line, column, say('imports.price_required'))
          return null
        }
        try {
          const { amount: minor } = parseMoney(typed, currency, locale)
          if (minor < 0n) problem(row.line, column, say('imports.negative'))
          return minor
        } catch (error) {
          if (!(error instanceof MoneyInputError)) throw error
          problem(row.line, column, moneyMessage(error, column, currency))
          return null
        }
      }
      const priceAmount = amount('price', false)
      const compareAtAmount = amount('compare_at_price', true)
      const costAmount = amount('cost', true)

      const stockText = cell('stock') || '0'
      const stock = /^\d{1,10}$/.test(stockText) ? Number(stockText) : Number.NaN
      if (!Number.isSafeInteger(stock) || stock > MAX_STOCK) {
        problem(row.line, 'stock', say('imports.stock', { max: MAX_STOCK }))
      }
      const sku = cell('sku') || null
      if (sku && sku.length > 64) problem(row.line, 'sku', say('imports.too_long', { max: 64 }))
      variants.push({
        line: row.line,
        values,
        sku,
        priceAmount: priceAmount ?? 0n,
        compareAtAmount,
        costAmount,
        stock: Number.isSafeInteger(stock) ? stock : 0,
      })
    }

    const options: ProductOption[] = names.map((name, index) => ({
      name,
      values: [...new Set(variants.map((variant) => variant.values[index]!).filter(Boolean))],
    }))
    const optionIssue = optionProblem(options)
    if (optionIssue) {
      problem(first.line, 'option1_name', describeOptionProblem(optionIssue))
    } else if (variants.length !== variantCombinations(options).length) {
      problem(
        first.line,
        'option1_value',
        say('imports.missing_combinations', {
          count: variantCombinations(options).length,
          rows: variants.length,
        })
      )
    }

    products.push({
      line: first.line,
      slug,
      title,
      status: status ?? 'draft',
      categoryName: read('category') || null,
      tags,
      trackStock: trackStock ?? true,
      description,
      options,
      variants,
    })
  }
  if (problems.length) throw new CsvRejected(problems.sort((a, b) => a.line - b.line))
  return products
}
