import type { HttpContext } from '@adonisjs/core/http'
import { Invalid, NotFound, afterCursor, nextCursorOf, readCursorPage, validate } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Product, { PRODUCT_STATUSES, type ProductStatus } from '../../models/product.js'
import CreateProduct from '../../operations/create_product.js'
import UpdateProduct from '../../operations/update_product.js'
import { productValidator } from '../../validators/catalog_validators.js'
import { findProduct } from '../../queries/products.js'
import { createInputFrom, updateInputFrom } from '../../services/product_form.js'
import { productShapes } from '../../services/api_shapes.js'
import { say } from '../../messages.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function listFilters(qs: Record<string, unknown>) {
  const { status, categoryId } = qs
  if (status !== undefined && !PRODUCT_STATUSES.includes(status as ProductStatus)) {
    throw new Invalid(say('errors.api_status', { statuses: PRODUCT_STATUSES.join(', ') }), 'status')
  }
  if (categoryId !== undefined && !(typeof categoryId === 'string' && UUID.test(categoryId))) {
    throw new Invalid(say('errors.api_category_id'), 'categoryId')
  }
  return {
    status: status as ProductStatus | undefined,
    categoryId: categoryId as string | undefined,
  }
}

async function productOrFail(id: string) {
  const product = await findProduct(id)
  if (!product) throw new NotFound(say('errors.product_not_found'))
  return product
}

async function shapeOf(product: Promise<Product>) {
  const [shape] = await productShapes([await product])
  return shape
}

/**
 * `/api/v1/products` for integrations, on API tokens (`catalog:read`,
 * `catalog:write`): the same validation, operations and error shape as the
 * dashboard's product form, prices sent as decimal strings ("12.500").
 */
export default class ApiProductsController {
  async index({ request }: HttpContext) {
    const page = readCursorPage(request.qs())
    const filters = listFilters(request.qs())
    const query = Product.query().preload('variants', (variants) =>
      variants.orderBy('position', 'asc').orderBy('id', 'asc')
    )
    if (filters.status) query.where('status', filters.status)
    if (filters.categoryId) query.where('category_id', filters.categoryId)
    const rows = await afterCursor(query, page)
    return {
      data: await productShapes(rows.slice(0, page.limit)),
      nextCursor: nextCursorOf(rows, page),
    }
  }

  async show({ params }: HttpContext) {
    return { data: await shapeOf(productOrFail(params.id)) }
  }

  async store(ctx: HttpContext) {
    const payload = await validate(ctx, productValidator)
    const currency = currentTenant().defaultCurrency
    const { product } = await new CreateProduct().handle(
      createInputFrom(payload, currency, ctx.apiCaller.user.id)
    )
    ctx.response.status(201)
    return { data: await shapeOf(productOrFail(product.id)) }
  }

  async update(ctx: HttpContext) {
    const product = await productOrFail(ctx.params.id)
    const payload = await validate(ctx, productValidator)
    await new UpdateProduct().handle(updateInputFrom(payload, product, ctx.apiCaller.user.id))
    return { data: await shapeOf(productOrFail(product.id)) }
  }
}
