import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Product from '../models/product.js'
import ProductMedia from '../models/product_media.js'
import { say } from '../messages.js'

export interface MoveProductMediaInput {
  actorUserId: string | null
  productId: string
  mediaId: string
  /** The 0-based place it should take among the product's images */
  position: number
}

/**
 * Puts one image at another place among its product's images and numbers
 * them all again, under the product's row lock so concurrent moves and
 * uploads see one order.
 */
export default class MoveProductMedia {
  async handle(input: MoveProductMediaInput) {
    const product = await Product.query().where('id', input.productId).forUpdate().first()
    if (!product) throw new NotFound(say('media.not_found'))
    const all = await ProductMedia.query()
      .where('productId', product.id)
      .orderBy('position', 'asc')
      .orderBy('created_at', 'asc')
    const moving = all.find((media) => media.id === input.mediaId)
    if (!moving) throw new NotFound(say('media.not_found'))
    const others = all.filter((media) => media !== moving)
    const place = Math.max(0, Math.min(input.position, others.length))
    others.splice(place, 0, moving)
    for (const [index, media] of others.entries()) {
      if (media.position === index) continue
      media.position = index
      await media.save()
    }
    await emitter.emit('catalog:product_updated', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      productId: product.id,
      title: product.title,
      changed: ['media'],
      status: product.status,
    })
    return others
  }
}
