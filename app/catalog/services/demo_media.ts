import { currentTenant } from '#tenancy/mod'
import Product from '../models/product.js'
import ProductMedia from '../models/product_media.js'
import AttachProductMedia from '../operations/attach_product_media.js'
import { disk, uploadKey } from './media_files.js'
import { demoImage } from './demo_images.js'

/**
 * Gives every product of the current store that has no image yet its drawn
 * picture, attached the way an upload is. Only the originals are drawn here
 * (milliseconds each); the queue worker makes the sizes afterwards, so
 * seeding stays quick (resizing them here costs about a second a product).
 */
export async function seedDemoProductImages() {
  const media = await ProductMedia.query().select('productId')
  const pictured = new Set(media.map((row) => row.productId))
  const products = await Product.query().select('id', 'title').orderBy('created_at', 'asc')
  let attached = 0
  for (const product of products) {
    if (pictured.has(product.id)) continue
    const key = uploadKey(currentTenant().id)
    await disk().put(key, await demoImage(product.title))
    await new AttachProductMedia().handle({
      actorUserId: null,
      productId: product.id,
      uploadKey: key,
      altText: product.title,
    })
    attached++
  }
  return attached
}
