import type { HttpContext } from '@adonisjs/core/http'
import { Invalid, NotFound, flashMessage, submitForm, wantsJson } from '#core/mod'
import ChangeProductsStatus from '../operations/change_products_status.js'
import { productBulkValidator } from '../validators/catalog_validators.js'
import { productsByIds } from '../queries/products.js'
import { renderProductList } from './products_controller.js'
import { say } from '../messages.js'

const STATUS_OF = { publish: 'active', archive: 'archived', draft: 'draft' } as const

/**
 * The products list's bulk form: publish, archive or set to draft the
 * checked products at once; "delete" asks first, on a page of its own with
 * the kit's confirm dialog (a deletion is not undone).
 */
export default class ProductBulkActionsController {
  async store(ctx: HttpContext) {
    const outcome = await submitForm(ctx, {
      validator: productBulkValidator,
      render: (form) => renderProductList(ctx, form),
      action: async (payload) => {
        const ids = [
          ...new Set(payload.all === 'page' ? (payload.shown ?? []) : (payload.ids ?? [])),
        ]
        if (!ids.length) throw new Invalid(say('errors.select_products'), 'ids')
        if (payload.action === 'delete') {
          return { kind: 'confirm' as const, products: await productsByIds(ids) }
        }
        const result = await new ChangeProductsStatus().handle({
          actorUserId: ctx.auth.user?.id ?? null,
          productIds: ids,
          status: STATUS_OF[payload.action],
        })
        return { kind: 'changed' as const, action: payload.action, ...result }
      },
    })
    if (outcome.kind === 'confirm') {
      if (!outcome.products.length) throw new NotFound(say('errors.products_not_found'))
      return ctx.view.render('catalog/products/confirm_delete', { products: outcome.products })
    }
    if (wantsJson(ctx)) return { changed: outcome.changed }
    flashMessage(ctx, 'success', say(`products.bulk_${outcome.action}`, { count: outcome.found }))
    return ctx.response.redirect().toRoute('catalog.index')
  }
}
