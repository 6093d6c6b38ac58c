import drive from '@adonisjs/drive/services/main'
import { Transform, type Readable } from 'node:stream'
import { randomUUID } from 'node:crypto'
import { TooLarge, platformUrl } from '#core/mod'
import { MEDIA_DISK } from '#config/drive'
import type { MediaFormat, MediaVariant } from '../models/product_media.js'

/** The largest original a store may upload */
export const MAX_MEDIA_BYTES = 10 * 2 ** 20

/** Images one product may have */
export const MAX_MEDIA_PER_PRODUCT = 20

/** How long a signed upload URL may be used */
export const UPLOAD_URL_EXPIRY = '15m'

/** What an upload must be, read from its first bytes, with the extension its original keeps */
export const ACCEPTED_IMAGES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/gif': 'gif',
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
/** A generated file's name on the media route: `<content hash>-<width>.<format>` */
export const VARIANT_NAME = /^[0-9a-f]{32}-\d{1,5}\.(webp|avif)$/

export function disk() {
  return drive.use()
}

/**
 * Where an upload waits until it is attached: under its store, named by a
 * fresh id the signed URL carries, so a store can only attach its own.
 */
export function uploadKey(tenantId: string, uploadId: string = randomUUID()) {
  return `uploads/${tenantId}/${uploadId}`
}

export function isUploadKeyOf(tenantId: string, key: unknown): key is string {
  return typeof key === 'string' && new RegExp(`^uploads/${tenantId}/${UUID}$`).test(key)
}

export function originalKey(tenantId: string, mediaId: string, contentType: string) {
  return `originals/${tenantId}/${mediaId}.${ACCEPTED_IMAGES[contentType]}`
}

export function variantKey(tenantId: string, hash: string, width: number, format: MediaFormat) {
  return `media/${tenantId}/${hash.slice(0, 32)}-${width}.${format}`
}

/**
 * Writes `body` to `key` and never more than `maxBytes` of it: past the
 * limit the write stops, what was written is deleted and TooLarge is
 * thrown. The object appears under `key` only once it is whole.
 */
export async function writeLimited(
  key: string,
  body: Readable,
  maxBytes: number,
  tooLarge: string
) {
  const partial = `${key}.part`
  let size = 0
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      if (size > maxBytes) return done(new TooLarge(tooLarge))
      done(null, chunk)
    },
  })
  body.on('error', (error) => limiter.destroy(error))
  try {
    await disk().putStream(partial, body.pipe(limiter))
    if (size > maxBytes) throw new TooLarge(tooLarge)
    await disk().move(partial, key)
  } catch (error) {
    await disk()
      .delete(partial)
      .catch(() => {})
    if (body.readable) body.resume()
    throw error instanceof TooLarge || size > maxBytes ? new TooLarge(tooLarge) : error
  }
  return size
}

export async function deleteObjects(keys: string[]) {
  await Promise.all(
    keys.map((key) =>
      disk()
        .delete(key)
        .catch(() => {})
    )
  )
}

/**
 * The public address of a generated file: the media route on the local
 * disk (which sends long cache headers), the bucket's (or its CDN's) URL
 * elsewhere.
 */
export async function mediaUrl(key: string) {
  if (MEDIA_DISK !== 'fs') return disk().getUrl(key)
  const [, tenantId, name] = key.split('/')
  // On the platform's host: a store's own host mounts every path onto its storefront
  return platformUrl('media_files.show', { tenantId, name })
}

/** `srcset` text for one format: "url 320w, url 640w" */
export async function srcsetOf(variants: MediaVariant[], format: MediaFormat) {
  const chosen = variants
    .filter((variant) => variant.format === format)
    .sort((a, b) => a.width - b.width)
  const parts = await Promise.all(
    chosen.map(async (variant) => `${await mediaUrl(variant.key)} ${variant.width}w`)
  )
  return parts.join(', ')
}
