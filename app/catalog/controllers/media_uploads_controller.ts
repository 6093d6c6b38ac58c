import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { Conflict, NotAllowed, NotFound, TooLarge, UnsupportedMediaType } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Product from '../models/product.js'
import {
  MAX_MEDIA_BYTES,
  UPLOAD_URL_EXPIRY,
  disk,
  uploadKey,
  writeLimited,
} from '../services/media_files.js'
import { say } from '../messages.js'

/** Bodies the body parser reads itself: an image sent as one of these would arrive empty */
const PARSED_TYPES = ['json', 'urlencoded', 'multipart']

/**
 * Uploads straight to storage. `store` (a member, in the dashboard) hands
 * out a signed, expiring URL for one new object of the store; `update` is
 * that URL: no session, the signature is the permission, and the body is
 * streamed to the disk, never buffered, up to the size limit. The object
 * is nothing until the product's media `store` attaches it.
 */
export default class MediaUploadsController {
  async store(ctx: HttpContext) {
    const product = await Product.find(ctx.params.product_id)
    if (!product) throw new NotFound(say('errors.product_not_found'))
    const tenantId = currentTenant().id
    const uploadId = crypto.randomUUID()
    const url = router
      .builder()
      .params({ tenantId, uploadId })
      .makeSigned('media_uploads.update', { expiresIn: UPLOAD_URL_EXPIRY })
    ctx.response.status(201)
    return {
      upload: {
        method: 'PUT',
        url,
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
