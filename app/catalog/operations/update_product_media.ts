import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Product from '../models/product.js'
import ProductMedia from '../models/product_media.js'
import { say } from '../messages.js'

export interface UpdateProductMediaInput {
  actorUserId: string | null
  productId: string
  mediaId: string
  altText: string
}

/** Changes the text read out in place of an image (and shown when it cannot load) */
export default class UpdateProductMedia {
  async handle(input: UpdateProductMediaInput) {
    const product = await Product.find(input.productId)
    const media = product
      ? await ProductMedia.query()
          .where({ id: input.mediaId, productId: product.id })
          .forUpdate()
          .first()
      : null
    if (!product || !media) throw new NotFound(say('media.not_found'))
    media.altText = input.altText
    await media.save()
    await emitter.emit('catalog:product_updated', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      productId: product.id,
      title: product.title,
      changed: ['media'],
      status: product.status,
    })
    return media
  }
}
