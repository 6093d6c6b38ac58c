import type { HttpContext } from '@adonisjs/core/http'
import { flashMessage, submitForm, wantsJson } from '#core/mod'
import DeleteProducts from '../operations/delete_products.js'
import { productDeletionValidator } from '../validators/catalog_validators.js'
import { renderProductList } from './products_controller.js'
import { say } from '../messages.js'

/** Deleting products (one from its row or its page, or many from the bulk confirmation) */
export default class ProductDeletionsController {
  async store(ctx: HttpContext) {
    const { deleted } = await submitForm(ctx, {
      validator: productDeletionValidator,
      render: (form) => renderProductList(ctx, form),
      action: ({ ids }) =>
        new DeleteProducts().handle({ actorUserId: ctx.auth.user?.id ?? null, productIds: ids }),
    })
    if (wantsJson(ctx)) return { deleted }
    flashMessage(ctx, 'success', say('products.deleted', { count: deleted }))
    return ctx.response.redirect().toRoute('catalog.index')
  }
}
