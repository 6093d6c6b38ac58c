import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { NotFound, flashMessage, submitForm, wantsJson } from '#core/mod'
import ProductVariant from '../models/product_variant.js'
import AdjustStock from '../operations/adjust_stock.js'
import { stockAdjustmentValidator } from '../validators/catalog_validators.js'
import { findProduct } from '../queries/products.js'
import { renderProductForm } from './products_controller.js'
import { say } from '../messages.js'

/** A variant's stock moved by hand (delta and a note), from the product's page */
export default class StockAdjustmentsController {
  async store(ctx: HttpContext) {
    const variant = await ProductVariant.find(ctx.params.id)
    const product = variant ? await findProduct(variant.productId) : null
    if (!variant || !product) throw new NotFound(say('errors.variant_not_found'))
    const { stock } = await submitForm(ctx, {
      validator: stockAdjustmentValidator,
      render: (form) =>
        renderProductForm(ctx, { errors: {}, old: {} }, product, { variantId: variant.id, form }),
      action: ({ delta, note }) =>
        new AdjustStock().handle({
          actorUserId: ctx.auth.user?.id ?? null,
          variantId: variant.id,
          delta,
          note: note ?? '',
        }),
    })
    if (wantsJson(ctx)) return { stock }
    flashMessage(ctx, 'success', say('stock.adjusted', { stock }))
    return ctx.response.redirect(`${router.makeUrl('products.edit', { id: product.id })}#stock`)
  }
}
