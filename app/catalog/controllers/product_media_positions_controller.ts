import type { HttpContext } from '@adonisjs/core/http'
import { Invalid, NotFound, flashMessage, isHtmx, validate, wantsJson } from '#core/mod'
import Product from '../models/product.js'
import MoveProductMedia from '../operations/move_product_media.js'
import { findProductMedia } from '../queries/media.js'
import { mediaPositionValidator } from '../validators/media_validators.js'
import { renderMediaPanel } from './product_media_controller.js'
import { say } from '../messages.js'

/** An image's place among its product's images: one earlier, one later, or a given place */
export default class ProductMediaPositionsController {
  async update(ctx: HttpContext) {
    const product = await Product.find(ctx.params.product_id)
    const media = product ? await findProductMedia(product.id, ctx.params.id) : null
    if (!product || !media) throw new NotFound(say('media.not_found'))
    const { direction, position } = await validate(ctx, mediaPositionValidator)
    if (!direction && position === undefined) {
      throw new Invalid(say('errors.move_where'), 'direction')
    }
    const target = position ?? media.position + (direction === 'up' ? -1 : 1)
    const ordered = await new MoveProductMedia().handle({
      actorUserId: ctx.auth.user?.id ?? null,
      productId: product.id,
      mediaId: media.id,
      position: Math.max(0, target),
    })
    if (wantsJson(ctx))
      return { media: ordered.map(({ id, position: at }) => ({ id, position: at })) }
    flashMessage(ctx, 'success', say('media.moved'))
    if (isHtmx(ctx)) return renderMediaPanel(ctx, product)
    return ctx.response.redirect().status(303).toRoute('products.edit', { id: product.id })
  }
}
