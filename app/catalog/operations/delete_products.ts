import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Product from '../models/product.js'
import { say } from '../messages.js'

export interface DeleteProductsInput {
  actorUserId: string | null
  productIds: string[]
}

/**
 * Deletes products of the current store with their variants and stock
 * history (the foreign keys cascade). Ids of no product of this store are
 * not found. Each deleted product emits its own `catalog:product_deleted`.
 */
export default class DeleteProducts {
  async handle(input: DeleteProductsInput) {
    const products = await Product.query().whereIn('id', input.productIds).forUpdate()
    if (!products.length) throw new NotFound(say('errors.products_not_found'))
    for (const product of products) {
      await product.delete()
      await emitter.emit('catalog:product_deleted', {
        tenantId: currentTenant().id,
        actorUserId: input.actorUserId,
        productId: product.id,
        title: product.title,
      })
    }
    return { deleted: products.length }
  }
}
