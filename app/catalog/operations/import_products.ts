import emitter from '@adonisjs/core/services/emitter'
import { Conflict, Invalid } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Category from '../models/category.js'
import Product from '../models/product.js'
import CreateProduct from './create_product.js'
import UpdateProduct from './update_product.js'
import AdjustStock from './adjust_stock.js'
import {
  CsvRejected,
  readProductCsv,
  type CsvProblem,
  type ImportedProduct,
} from '../services/product_csv.js'
import { say } from '../messages.js'

export interface ImportProductsInput {
  actorUserId: string | null
  csv: string
  /** The locale the merchant typed amounts in ("12,50" in 'fr') */
  locale?: string
  /** Called after each product with how many of `total` are done */
  onProgress?: (done: number, total: number) => Promise<void> | void
}

export interface ImportResult {
  created: number
  updated: number
  variants: number
}

const key = (values: readonly (string | null)[]) =>
  JSON.stringify(values.map((value) => value?.toLocaleLowerCase() ?? null))

/**
 * A CSV file applied to the catalog as a whole or not at all. Every row is
 * read and checked first (each problem named by line and column); then,
 * in the caller's one transaction, products whose handle is new are created
 * and the others updated, their stock set to the file's figure with an
 * `import` movement. A problem found while writing (a SKU another product
 * holds) throws as well, so the transaction rolls everything back.
 */
export default class ImportProducts {
  async handle(input: ImportProductsInput): Promise<ImportResult> {
    const tenant = currentTenant()
    const products = readProductCsv(input.csv, tenant.defaultCurrency, input.locale)
    const categoryIds = await this.categoryIds(products)
    const existing = await Product.query()
      .whereIn(
        'slug',
        products.map((product) => product.slug)
      )
      .preload('variants')
    const bySlug = new Map(existing.map((product) => [product.slug, product]))

    const result: ImportResult = { created: 0, updated: 0, variants: 0 }
    for (const [index, product] of products.entries()) {
      const categoryId = product.categoryName
        ? categoryIds.get(product.categoryName.toLocaleLowerCase())!
        : null
      const found = bySlug.get(product.slug)
      await this.reportingLine(product, () =>
        found
          ? this.update(input.actorUserId, product, found, categoryId)
          : this.create(input.actorUserId, product, categoryId)
      )
      if (found) result.updated++
      else result.created++
      result.variants += product.variants.length
      await input.onProgress?.(index + 1, products.length)
    }
    await emitter.emit('catalog:products_imported', {
      tenantId: tenant.id,
      actorUserId: input.actorUserId,
      ...result,
    })
    return result
  }

  /** Categories are named by name or handle; all must exist before anything is written */
  private async categoryIds(products: ImportedProduct[]) {
    const categories = await Category.query().select('id', 'name', 'slug')
    const ids = new Map<string, string>()
    for (const category of categories) {
      ids.set(category.slug.toLocaleLowerCase(), category.id)
      ids.set(category.name.toLocaleLowerCase(), category.id)
    }
    const problems: CsvProblem[] = products
      .filter(
        (product) => product.categoryName && !ids.has(product.categoryName.toLocaleLowerCase())
      )
      .map((product) => ({
        line: product.line,
        column: 'category',
        message: say('imports.unknown_category', { name: product.categoryName! }),
      }))
    if (problems.length) throw new CsvRejected(problems)
    return ids
  }

  /** A refusal from the catalog's own rules, reported at the product's line */
  private async reportingLine(product: ImportedProduct, write: () => Promise<unknown>) {
    try {
      await write()
    } catch (error) {
      if (!(error instanceof Invalid || error instanceof Conflict)) throw error
      const variantLine = /^variants\.(\d+)/.exec(error.field ?? '')?.[1]
      const line = variantLine ? product.variants[Number(variantLine)]?.line : product.line
      throw new CsvRejected([{ line: line ?? product.line, column: null, message: error.message }])
    }
  }

  private create(actorUserId: string | null, product: ImportedProduct, categoryId: string | null) {
    return new CreateProduct().handle({
      actorUserId,
      title: product.title,
      slug: product.slug,
      description: product.description,
      status: product.status,
      categoryId,
      tags: product.tags,
      trackStock: product.trackStock,
      options: product.options,
      variants: product.variants,
      stockReason: 'import',
    })
  }

  private async update(
    actorUserId: string | null,
    product: ImportedProduct,
    found: Product,
    categoryId: string | null
  ) {
    const names = [found.option1Name, found.option2Name, found.option3Name].filter(Boolean)
    const sameOptions =
      names.length === product.options.length &&
      names.every(
        (name, index) =>
          name!.toLocaleLowerCase() === product.options[index].name.toLocaleLowerCase()
      )
    if (!sameOptions) {
      throw new Invalid(say('imports.options_changed', { options: names.join(', ') || '—' }))
    }
    const variants = new Map(
      found.variants.map((variant) => [
        key([variant.option1, variant.option2, variant.option3]),
        variant,
      ])
    )
    const matched = product.variants.map((row, index) => {
      const variant = variants.get(key(row.values))
      if (!variant) {
        throw new Invalid(
          say('imports.unknown_variant', {
            values: row.values.filter(Boolean).join(' / '),
          }),
          `variants.${index}`
        )
      }
      return { row, variant }
    })
    await new UpdateProduct().handle({
      actorUserId,
      id: found.id,
      title: product.title,
      slug: product.slug,
      description: product.description,
      status: product.status,
      categoryId,
      tags: product.tags,
      trackStock: product.trackStock,
      variants: matched.map(({ row, variant }) => ({
        id: variant.id,
        sku: row.sku,
        priceAmount: row.priceAmount,
        compareAtAmount: row.compareAtAmount,
        costAmount: row.costAmount,
      })),
    })
    for (const { row, variant } of matched) {
      const delta = row.stock - variant.stock
      if (delta === 0) continue
      await new AdjustStock().handle({
        actorUserId,
        variantId: variant.id,
        delta,
        reason: 'import',
        note: say('imports.stock_note'),
      })
    }
  }
}
