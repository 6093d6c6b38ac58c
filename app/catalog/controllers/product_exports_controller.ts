import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { currentTenant } from '#tenancy/mod'
import { exportedProducts } from '../queries/products.js'
import { csvHeader, csvRowsOf } from '../services/product_csv.js'

/**
 * The whole catalog as CSV, one row per variant, in the columns the import
 * reads: export, change prices or stock in a spreadsheet, import again.
 */
export default class ProductExportsController {
  async show({ response }: HttpContext) {
    const parts = [csvHeader()]
    for (const product of await exportedProducts()) parts.push(csvRowsOf(product))
    const name = `${currentTenant().slug}-products-${DateTime.utc().toISODate()}.csv`
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="${name}"`)
    // A BOM, so spreadsheet programs read Arabic titles as UTF-8
    return `\uFEFF${parts.join('')}`
  }
}
