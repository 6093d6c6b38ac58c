import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { afterCommit, currentTenant } from '#tenancy/mod'
import Product from '../models/product.js'
import ProductMedia from '../models/product_media.js'
import { deleteObjects } from '../services/media_files.js'
import { say } from '../messages.js'

export interface DeleteProductMediaInput {
  actorUserId: string | null
  productId: string
  mediaId: string
}

/**
 * Removes an image and, once that has committed, its files: the original
 * and every generated size (a rollback keeps both the row and the files).
 */
export default class DeleteProductMedia {
  async handle(input: DeleteProductMediaInput) {
    const product = await Product.query().where('id', input.productId).forUpdate().first()
    const media = product
      ? await ProductMedia.query().where({ id: input.mediaId, productId: product.id }).first()
      : null
    if (!product || !media) throw new NotFound(say('media.not_found'))
    await media.delete()
    // The same picture uploaded twice shares its generated files (they are named by content)
    const twin = await ProductMedia.query().where('contentHash', media.contentHash).first()
    const keys = [media.originalKey, ...(twin ? [] : media.variants.map((variant) => variant.key))]
    await emitter.emit('catalog:product_updated', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      productId: product.id,
      title: product.title,
      changed: ['media'],
      status: product.status,
    })
    await afterCommit(() => deleteObjects(keys))
  }
}
