import emitter from '@adonisjs/core/services/emitter'
import { tenantDirectory, withTenant } from '#tenancy/mod'
import Product from '../models/product.js'
import ProductMedia, { type MediaVariant } from '../models/product_media.js'
import { IMMUTABLE, deleteObjects, disk, variantKey } from './media_files.js'
import { renderVariants } from './media_variants.js'

/**
 * Makes the sizes of one product image and marks it ready. The resizing
 * runs outside any transaction (it takes a while); the row is re-read and
 * updated in a short one afterwards. Safe to run twice: the files are named
 * by their content, and an image already ready, or deleted meanwhile, is
 * left alone (files written for a deleted one are removed again).
 */
export async function processProductMedia(tenantId: string, mediaId: string) {
  const tenant = await tenantDirectory.findById(tenantId)
  if (!tenant) return null
  const media = await withTenant(tenant, () => ProductMedia.find(mediaId))
  if (!media || media.status === 'ready') return media

  const original = Buffer.from(await disk().getBytes(media.originalKey))
  const rendered = await renderVariants(original)
  const variants: MediaVariant[] = await Promise.all(
    rendered.map(async ({ format, width, height, hash, data }) => {
      const key = variantKey(tenantId, hash, width, format)
      // Served straight from the bucket or its CDN when one is set: the same year as the media route
      await disk().put(key, data, { contentType: `image/${format}`, cacheControl: IMMUTABLE })
      return { format, width, height, key, bytes: data.length }
    })
  )
  const saved = await withTenant(tenant, async () => {
    const current = await ProductMedia.query().where('id', mediaId).forUpdate().first()
    if (!current) return null
    current.merge({ status: 'ready', variants })
    await current.save()
    const product = await Product.find(current.productId)
    if (product) {
      await emitter.emit('catalog:product_updated', {
        tenantId,
        actorUserId: null,
        productId: product.id,
        title: product.title,
        changed: ['media_ready'],
        status: product.status,
      })
    }
    return current
  })
  if (!saved) await deleteObjects(variants.map((variant) => variant.key))
  return saved
}

/** After the last attempt: the page stops waiting and says the image could not be used */
export async function markMediaFailed(tenantId: string, mediaId: string) {
  const tenant = await tenantDirectory.findById(tenantId)
  if (!tenant) return
  await withTenant(tenant, async () => {
    const media = await ProductMedia.find(mediaId)
    if (media && media.status === 'pending') await media.merge({ status: 'failed' }).save()
  })
}
