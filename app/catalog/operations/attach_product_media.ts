import emitter from '@adonisjs/core/services/emitter'
import queue from '@rlanz/bull-queue/services/main'
import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import { Invalid, NotFound, TooLarge } from '#core/mod'
import { afterCommit, currentClient, currentTenant } from '#tenancy/mod'
import Product from '../models/product.js'
import ProductMedia from '../models/product_media.js'
import ProcessProductMediaJob from '../jobs/process_product_media_job.js'
import {
  ACCEPTED_IMAGES,
  MAX_MEDIA_BYTES,
  MAX_MEDIA_PER_PRODUCT,
  deleteObjects,
  disk,
  firstBytes,
  isUploadKeyOf,
  originalKey,
} from '../services/media_files.js'
import { imageSize } from '../services/media_variants.js'
import { say } from '../messages.js'

export interface AttachProductMediaInput {
  actorUserId: string | null
  productId: string
  /** Where the upload was written (the signed URL's object, or the form's file) */
  uploadKey: unknown
  altText?: string | null
}

/**
 * Makes an uploaded object one of a product's images. The object is judged
 * by its bytes, not its name: anything but a JPEG, PNG, WebP, AVIF or GIF
 * that decodes is refused and deleted, so a refusal leaves neither a row nor
 * a file. The accepted original is moved out of the upload area (a signed
 * URL used again cannot change it) and the job that makes its sizes is
 * queued once the row has committed.
 */
export default class AttachProductMedia {
  async handle(input: AttachProductMediaInput) {
    const tenant = currentTenant()
    // The product's row lock orders concurrent uploads, so positions never collide
    const product = await Product.query().where('id', input.productId).forUpdate().first()
    if (!product) throw new NotFound(say('errors.product_not_found'))
    if (!isUploadKeyOf(tenant.id, input.uploadKey) || !(await disk().exists(input.uploadKey))) {
      throw new Invalid(say('media.upload_missing'), 'key')
    }
    const key = input.uploadKey
    if ((await this.nextPosition(product.id)) >= MAX_MEDIA_PER_PRODUCT) {
      await deleteObjects([key])
      throw new Invalid(say('media.too_many', { count: MAX_MEDIA_PER_PRODUCT }), 'file')
    }
    const original = await this.checked(key)

    const media = new ProductMedia()
    media.fill({
      productId: product.id,
      position: await this.nextPosition(product.id),
      altText: (input.altText ?? '').trim().slice(0, 250),
      originalKey: '',
      contentType: original.contentType,
      byteSize: original.bytes.length,
      contentHash: createHash('sha256').update(original.bytes).digest('hex'),
      width: original.width,
      height: original.height,
      status: 'pending',
      variants: [],
    })
    media.id = crypto.randomUUID()
    media.originalKey = originalKey(tenant.id, media.id, original.contentType)
    await disk().move(key, media.originalKey)
    try {
      await media.save()
    } catch (error) {
      await deleteObjects([media.originalKey])
      throw error
    }
    await emitter.emit('catalog:product_updated', {
      tenantId: tenant.id,
      actorUserId: input.actorUserId,
      productId: product.id,
      title: product.title,
      changed: ['media'],
      status: product.status,
    })
    await afterCommit(async () => {
      await queue.dispatch(
        ProcessProductMediaJob,
        { tenantId: tenant.id, mediaId: media.id },
        { jobId: `catalog-media-${media.id}` }
      )
    })
    return media
  }

  /**
   * The upload's bytes if they are an image we take; otherwise it is deleted
   * and refused. Its size (a HEAD on S3) and its first bytes are judged
   * before the whole of it is read.
   */
  private async checked(key: string) {
    const refuse = async (error: Error) => {
      await deleteObjects([key])
      return error
    }
    const notAnImage = () => refuse(new Invalid(say('media.not_an_image'), 'file'))
    const tooLarge = () =>
      refuse(new TooLarge(say('media.too_large', { mb: MAX_MEDIA_BYTES / 2 ** 20 })))
    const { contentLength } = await disk().getMetaData(key)
    if (contentLength > MAX_MEDIA_BYTES) throw await tooLarge()
    const type = await fileTypeFromBuffer(await firstBytes(key))
    if (!type || !ACCEPTED_IMAGES[type.mime]) throw await notAnImage()
    const bytes = Buffer.from(await disk().getBytes(key))
    // A presigned URL used again may have replaced the object since its HEAD
    if (bytes.length > MAX_MEDIA_BYTES) throw await tooLarge()
    const size = await imageSize(bytes)
    if (!size) throw await notAnImage()
    return { bytes, contentType: type.mime, ...size }
  }

  private async nextPosition(productId: string) {
    const [row] = await currentClient()
      .from('product_media')
      .where({ tenant_id: currentTenant().id, product_id: productId })
      .max('position as last')
    return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1
  }
}
