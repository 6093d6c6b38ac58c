import type { HttpContext } from '@adonisjs/core/http'
import {
  Invalid,
  NotFound,
  TooLarge,
  fieldErrorsOf,
  flashMessage,
  isHtmx,
  validate,
  wantsJson,
} from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Product from '../models/product.js'
import AttachProductMedia from '../operations/attach_product_media.js'
import UpdateProductMedia from '../operations/update_product_media.js'
import DeleteProductMedia from '../operations/delete_product_media.js'
import { findProductMedia, pictureOf, productPictures } from '../queries/media.js'
import { MAX_MEDIA_BYTES, uploadKey, writeLimited } from '../services/media_files.js'
import { mediaAltValidator, mediaAttachValidator } from '../validators/media_validators.js'
import { findProduct } from '../queries/products.js'
import { renderProductForm } from './products_controller.js'
import { EMPTY_FORM } from '#core/mod'
import { say } from '../messages.js'

export const MEDIA_PANEL_ID = 'product-media'

async function productOrFail(id: string) {
  const product = await Product.find(id)
  if (!product) throw new NotFound(say('errors.product_not_found'))
  return product
}

/** The images panel of the product page: the fragment htmx swaps and polls */
export async function renderMediaPanel(
  ctx: HttpContext,
  product: Product,
  mediaError: { field: string; message: string } | null = null
) {
  return ctx.view.render('catalog/partials/product_media', {
    product,
    pictures: await productPictures(product.id),
    mediaError,
    maxMb: MAX_MEDIA_BYTES / 2 ** 20,
  })
}

/**
 * The file of the form without script, streamed to a new upload object as
 * it arrives (the body parser leaves this route's multipart body alone),
 * then attached the same way as an upload through the signed URL.
 */
async function uploadFromForm(ctx: HttpContext) {
  const key = uploadKey(currentTenant().id)
  const tooLarge = say('media.too_large', { mb: MAX_MEDIA_BYTES / 2 ** 20 })
  let written = false
  let failure: unknown = null
  ctx.request.multipart.onFile('file', {}, async (part) => {
    if (written || failure) return void part.resume()
    try {
      await writeLimited(key, part, MAX_MEDIA_BYTES, tooLarge)
      written = true
    } catch (error) {
      failure = error
    }
  })
  await ctx.request.multipart.process()
  if (failure) throw failure
  if (!written) throw new Invalid(say('media.no_file'), 'file')
  const altText = ctx.request.input('altText')
  return { key, altText: typeof altText === 'string' ? altText.trim().slice(0, 250) : null }
}

/**
 * A product's images: listed (the panel, or JSON), added from an upload,
 * their alt text changed, deleted. Every id is looked up inside the
 * member's store, through the product.
 */
export default class ProductMediaController {
  async index(ctx: HttpContext) {
    const product = await productOrFail(ctx.params.product_id)
    if (wantsJson(ctx)) return { media: await productPictures(product.id) }
    return renderMediaPanel(ctx, product)
  }

  async store(ctx: HttpContext) {
    const product = await productOrFail(ctx.params.product_id)
    try {
      const sent = ctx.request.is(['multipart'])
        ? await uploadFromForm(ctx)
        : await validate(ctx, mediaAttachValidator)
      const media = await new AttachProductMedia().handle({
        actorUserId: ctx.auth.user?.id ?? null,
        productId: product.id,
        uploadKey: sent.key,
        altText: sent.altText,
      })
      if (wantsJson(ctx)) {
        ctx.response.status(201)
        return { media: await pictureOf(media) }
      }
      flashMessage(ctx, 'success', say('media.uploaded'))
      if (isHtmx(ctx)) return renderMediaPanel(ctx, product)
      return ctx.response.redirect().status(303).toRoute('products.edit', { id: product.id })
    } catch (error) {
      return this.refused(ctx, product, error)
    }
  }

  async update(ctx: HttpContext) {
    const product = await productOrFail(ctx.params.product_id)
    try {
      const { altText } = await validate(ctx, mediaAltValidator)
      const media = await new UpdateProductMedia().handle({
        actorUserId: ctx.auth.user?.id ?? null,
        productId: product.id,
        mediaId: ctx.params.id,
        altText: altText ?? '',
      })
      if (wantsJson(ctx)) return { media: await pictureOf(media) }
      flashMessage(ctx, 'success', say('media.saved'))
      if (isHtmx(ctx)) return renderMediaPanel(ctx, product)
      return ctx.response.redirect().status(303).toRoute('products.edit', { id: product.id })
    } catch (error) {
      return this.refused(ctx, product, error)
    }
  }

  async destroy(ctx: HttpContext) {
    const product = await productOrFail(ctx.params.product_id)
    if (!(await findProductMedia(product.id, ctx.params.id))) {
      throw new NotFound(say('media.not_found'))
    }
    await new DeleteProductMedia().handle({
      actorUserId: ctx.auth.user?.id ?? null,
      productId: product.id,
      mediaId: ctx.params.id,
    })
    if (wantsJson(ctx)) return ctx.response.noContent()
    flashMessage(ctx, 'success', say('media.deleted'))
    if (isHtmx(ctx)) return renderMediaPanel(ctx, product)
    return ctx.response.redirect().status(303).toRoute('products.edit', { id: product.id })
  }

  /** A refused upload or edit: JSON gets the error, a page shows it beside the images */
  private async refused(ctx: HttpContext, product: Product, error: unknown) {
    const fields = fieldErrorsOf(error)
    const tooLarge = error instanceof TooLarge
    if (wantsJson(ctx) || (!fields && !tooLarge)) throw error
    const message = tooLarge ? (error as Error).message : fields![0].message
    const mediaError = { field: fields?.[0]?.field ?? 'file', message }
    ctx.response.status(tooLarge ? 413 : 422)
    if (isHtmx(ctx)) return renderMediaPanel(ctx, product, mediaError)
    const full = await findProduct(product.id)
    return renderProductForm(ctx, EMPTY_FORM, full!, null, mediaError)
  }
}
