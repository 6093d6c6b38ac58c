import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Product, { type ProductStatus } from '../models/product.js'
import { say } from '../messages.js'

export interface ChangeProductsStatusInput {
  actorUserId: string | null
  productIds: string[]
  status: ProductStatus
}

/**
 * Publishes, archives or drafts many products at once (the list's bulk
 * action). Ids of no product of this store are not found; a product
 * already in that status is left alone. Each changed product emits its own
 * `catalog:product_updated`.
 */
export default class ChangeProductsStatus {
  async handle(input: ChangeProductsStatusInput) {
    const products = await Product.query().whereIn('id', input.productIds).forUpdate()
    if (!products.length) throw new NotFound(say('errors.products_not_found'))
    const changed = products.filter((product) => product.status !== input.status)
    for (const product of changed) {
      product.status = input.status
      await product.save()
      await emitter.emit('catalog:product_updated', {
        tenantId: currentTenant().id,
        actorUserId: input.actorUserId,
        productId: product.id,
        title: product.title,
        changed: ['status'],
        status: product.status,
      })
    }
    return { found: products.length, changed: changed.length }
  }
}
