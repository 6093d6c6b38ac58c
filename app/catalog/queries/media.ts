import ProductMedia, {
  type MediaFormat,
  type MediaStatus,
  type MediaVariant,
} from '../models/product_media.js'
import { mediaUrl } from '../services/media_files.js'

/** An image as a page or the API shows it: sizes per format, and what avoids layout shift */
export interface Picture {
  id: string
  position: number
  alt: string
  width: number
  height: number
  status: MediaStatus
  /** The widest WebP, for browsers that read neither `srcset` */
  src: string | null
  avifSrcset: string
  webpSrcset: string
  /** Every generated file, for API callers choosing their own */
  files: { format: string; width: number; height: number; url: string }[]
}

/** What a picture is made of: a model, or the same fields as the storefront's queries read them */
export type PictureSource = Pick<
  ProductMedia,
  'id' | 'position' | 'altText' | 'width' | 'height' | 'status' | 'variants'
>

/**
 * SQL for the ready images of the product aliased `productAlias`, in order
 * (at most `limit`), as a JSON list of PictureSource fields: a browse page
 * reads its pictures in the same statement as its products.
 */
export function readyPicturesJson(productAlias: string, limit?: number) {
  return `coalesce((
    select json_agg(json_build_object(
      'id', m.id, 'position', m.position, 'altText', m.alt_text, 'width', m.width,
      'height', m.height, 'status', m.status, 'variants', m.variants
    ) order by m.position, m.created_at)
    from (select * from product_media m
           where m.tenant_id = ${productAlias}.tenant_id and m.product_id = ${productAlias}.id
             and m.status = 'ready'
           order by m.position, m.created_at${limit ? ` limit ${Number(limit)}` : ''}) m
  ), '[]'::json)`
}

export function picturesOf(sources: PictureSource[]): Promise<Picture[]> {
  return Promise.all(sources.map(pictureOf))
}

export async function pictureOf(media: PictureSource): Promise<Picture> {
  // Each file's address is made once: a page shows it in `files`, in a `srcset` and maybe as `src`
  const urls = new Map<string, string>()
  for (const variant of media.variants) urls.set(variant.key, await mediaUrl(variant.key))
  const urlOf = (variant: MediaVariant) => urls.get(variant.key)!
  const srcsetOf = (format: MediaFormat) =>
    media.variants
      .filter((variant) => variant.format === format)
      .sort((a, b) => a.width - b.width)
      .map((variant) => `${urlOf(variant)} ${variant.width}w`)
      .join(', ')
  const webp = media.variants
    .filter((variant) => variant.format === 'webp')
    .sort((a, b) => b.width - a.width)
  const files = [...media.variants]
    .sort((a, b) => a.format.localeCompare(b.format) || a.width - b.width)
    .map((variant) => ({
      format: variant.format,
      width: variant.width,
      height: variant.height,
      url: urlOf(variant),
    }))
  return {
    id: media.id,
    position: media.position,
    alt: media.altText,
    width: media.width,
    height: media.height,
    status: media.status,
    src: webp[0] ? urlOf(webp[0]) : null,
    avifSrcset: srcsetOf('avif'),
    webpSrcset: srcsetOf('webp'),
    files,
  }
}

/** A product's images in their order, whatever their state (for the dashboard) */
export async function productPictures(productId: string) {
  const rows = await ProductMedia.query()
    .where('productId', productId)
    .orderBy('position', 'asc')
    .orderBy('created_at', 'asc')
  return Promise.all(rows.map(pictureOf))
}

/** The ready images of many products, in order, by product id (for shoppers and the API) */
export async function readyPictures(productIds: string[]) {
  const byProduct = new Map<string, Picture[]>()
  if (productIds.length === 0) return byProduct
  const rows = await ProductMedia.query()
    .whereIn('productId', productIds)
    .where('status', 'ready')
    .orderBy('position', 'asc')
    .orderBy('created_at', 'asc')
  for (const row of rows) {
    const list = byProduct.get(row.productId) ?? []
    list.push(await pictureOf(row))
    byProduct.set(row.productId, list)
  }
  return byProduct
}

export async function findProductMedia(productId: string, mediaId: string) {
  return ProductMedia.query().where({ id: mediaId, productId }).first()
}

/**
 * Every file of the images of `productIds`: originals, and generated files
 * no other image of the store shares (the same picture uploaded twice
 * shares them, being named by content).
 */
export async function mediaFilesOf(productIds: string[]) {
  const rows = await ProductMedia.query().whereIn('productId', productIds)
  const hashes = [...new Set(rows.map((row) => row.contentHash))]
  const shared = hashes.length
    ? await ProductMedia.query()
        .whereIn('contentHash', hashes)
        .whereNotIn('productId', productIds)
        .select('contentHash')
    : []
  const kept = new Set(shared.map((row) => row.contentHash))
  return rows.flatMap((row) => [
    row.originalKey,
    ...(kept.has(row.contentHash) ? [] : row.variants.map((variant) => variant.key)),
  ])
}
