import drive from '@adonisjs/drive/services/main'
import router from '@adonisjs/core/services/router'
import { Transform, type Readable } from 'node:stream'
import { randomUUID } from 'node:crypto'
import { TooLarge, platformUrl } from '#core/mod'
import { MEDIA_DISK, MEDIA_PUBLIC_URL } from '#config/drive'
import type { MediaFormat, MediaVariant } from '../models/product_media.js'

/** The largest original a store may upload */
export const MAX_MEDIA_BYTES = 10 * 2 ** 20

/** Images one product may have */
export const MAX_MEDIA_PER_PRODUCT = 20

/** How long a signed upload URL may be used */
export const UPLOAD_URL_EXPIRY = '15m'

/** What the browser sends with its `PUT`: the type is judged from the bytes later, never from this */
export const UPLOAD_CONTENT_TYPE = 'application/octet-stream'

/** Generated files are named by their content: they may be kept for a year */
export const IMMUTABLE = 'public, max-age=31536000, immutable'

/** Enough of a file's start for file-type to name any format it knows */
export const SNIFF_BYTES = 4100

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

/**
 * Where the browser sends one new upload, and the headers it must send.
 * The local disk has no upload URL of its own: the catalog's signed `PUT`
 * route, which counts the bytes as they arrive. S3 cannot count them for a
 * presigned `PUT`, so the URL signs the exact `Content-Length` the browser
 * declared (already checked against the limit): any other size fails the
 * signature and S3 stores nothing.
 */
export async function uploadTarget(tenantId: string, uploadId: string, bytes: number | null) {
  const headers = { 'content-type': UPLOAD_CONTENT_TYPE }
  if (MEDIA_DISK === 'fs') {
    const url = router
      .builder()
      .params({ tenantId, uploadId })
      .makeSigned('media_uploads.update', { expiresIn: UPLOAD_URL_EXPIRY })
    return { url, headers }
  }
  const url = await disk().getSignedUploadUrl(uploadKey(tenantId, uploadId), {
    contentType: UPLOAD_CONTENT_TYPE,
    expiresIn: UPLOAD_URL_EXPIRY,
    ContentLength: bytes,
  })
  return { url, headers }
}

/** Whether an upload URL needs the file's size up front (a presigned `PUT` signs it) */
export function uploadNeedsSize() {
  return MEDIA_DISK !== 'fs'
}

/** The first `count` bytes of an object (fewer if it is shorter), without reading the rest */
export async function firstBytes(key: string, count = SNIFF_BYTES) {
  const stream = await disk().getStream(key)
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stream) {
      chunks.push(Buffer.from(chunk))
      size += chunk.length
      if (size >= count) break
    }
  } finally {
    stream.destroy()
  }
  return Buffer.concat(chunks).subarray(0, count)
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
  if (MEDIA_DISK !== 'fs') return putLimited(key, body, maxBytes, tooLarge)
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

/**
 * S3 takes no body of unknown length in one `PutObject` (a form's file
 * part has none), so the body is gathered first, up to the limit, and
 * written whole.
 */
async function putLimited(key: string, body: Readable, maxBytes: number, tooLarge: string) {
  const whole = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    // Past the limit the rest is still read (and dropped), so the request ends cleanly
    body.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBytes) return void chunks.push(chunk)
      chunks.length = 0
      reject(new TooLarge(tooLarge))
    })
    body.on('end', () => resolve(Buffer.concat(chunks)))
    body.on('error', reject)
  })
  await disk().put(key, whole)
  return whole.length
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
 * The public address of a generated file: the CDN's or the bucket's public
 * URL when one is set (S3 only), else the app's media route, which streams
 * it from whichever disk with long cache headers.
 */
export async function mediaUrl(key: string) {
  if (MEDIA_PUBLIC_URL) return disk().getUrl(key)
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
