import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { afterCommit, currentTenant } from '#tenancy/mod'
import { deleteObjects } from '../services/media_files.js'
import { mediaFilesOf } from '../queries/media.js'
import Product from '../models/product.js'
import { say } from '../messages.js'

export interface DeleteProductsInput {
  actorUserId: string | null
  productIds: string[]
}

/**
 * Deletes products of the current store with their variants and stock
 * history and images (the foreign keys cascade; the image files go once
 * that has committed). Ids of no product of this store are
 * not found. Each deleted product emits its own `catalog:product_deleted`.
 */
export default class DeleteProducts {
  async handle(input: DeleteProductsInput) {
    const products = await Product.query().whereIn('id', input.productIds).forUpdate()
    if (!products.length) throw new NotFound(say('errors.products_not_found'))
    const files = await mediaFilesOf(products.map((product) => product.id))
    for (const product of products) {
      await product.delete()
      await emitter.emit('catalog:product_deleted', {
        tenantId: currentTenant().id,
        actorUserId: input.actorUserId,
        productId: product.id,
        title: product.title,
      })
    }
    await afterCommit(() => deleteObjects(files))
    return { deleted: products.length }
  }
}
