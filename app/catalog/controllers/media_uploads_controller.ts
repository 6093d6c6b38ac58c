import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { Conflict, Invalid, NotAllowed, NotFound, TooLarge, UnsupportedMediaType } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Product from '../models/product.js'
import {
  MAX_MEDIA_BYTES,
  disk,
  uploadKey,
  uploadNeedsSize,
  uploadTarget,
  writeLimited,
} from '../services/media_files.js'
import { say } from '../messages.js'

/** Bodies the body parser reads itself: an image sent as one of these would arrive empty */
const PARSED_TYPES = ['json', 'urlencoded', 'multipart']

/** The file's size as the browser declares it (`size`, in bytes), when it does */
function declaredSize(ctx: HttpContext) {
  const raw = ctx.request.input('size')
  if (raw === undefined || raw === null || raw === '') {
    if (uploadNeedsSize()) throw new Invalid(say('media.no_file'), 'size')
    return null
  }
  const size = Number(raw)
  if (!Number.isSafeInteger(size) || size < 1) throw new Invalid(say('media.no_file'), 'size')
  if (size > MAX_MEDIA_BYTES) {
    throw new TooLarge(say('media.too_large', { mb: MAX_MEDIA_BYTES / 2 ** 20 }))
  }
  return size
}

/**
 * Uploads straight to storage. `store` (a member, in the dashboard) hands
 * out a signed, expiring URL for one new object of the store, with the
 * headers to send: the bucket's presigned URL on S3, else `update`, which
 * is that URL on the local disk: no session, the signature is the
 * permission, and the body is streamed to the disk, never buffered, up to
 * the size limit. The object is nothing until the product's media `store`
 * attaches it.
 */
export default class MediaUploadsController {
  async store(ctx: HttpContext) {
    const product = await Product.find(ctx.params.product_id)
    if (!product) throw new NotFound(say('errors.product_not_found'))
    const size = declaredSize(ctx)
    const tenantId = currentTenant().id
    const uploadId = crypto.randomUUID()
    const { url, headers } = await uploadTarget(tenantId, uploadId, size)
    ctx.response.status(201)
    return {
      upload: {
        method: 'PUT',
        url,
        headers,
        key: uploadKey(tenantId, uploadId),
        maxBytes: MAX_MEDIA_BYTES,
        attach: router.makeUrl('product_media.store', { product_id: product.id }),
      },
    }
  }

  async update(ctx: HttpContext) {
    const { request, params, response } = ctx
    if (!request.hasValidSignature()) throw new NotAllowed(say('media.signature_invalid'))
    if (request.is(PARSED_TYPES)) throw new UnsupportedMediaType(say('media.wrong_body'))
    const tooLarge = say('media.too_large', { mb: MAX_MEDIA_BYTES / 2 ** 20 })
    const declared = Number(request.header('content-length') ?? 0)
    if (declared > MAX_MEDIA_BYTES) {
      response.header('connection', 'close')
      throw new TooLarge(tooLarge)
    }
    const key = uploadKey(params.tenantId, params.uploadId)
    if (await disk().exists(key)) throw new Conflict(say('media.upload_exists'))
    const bytes = await writeLimited(key, request.request, MAX_MEDIA_BYTES, tooLarge)
    response.status(201)
    return { upload: { key, bytes } }
  }
}
