import drive from '@adonisjs/drive/services/main'
import sharp from 'sharp'
import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import { fileTypeFromBuffer } from 'file-type'
import { platformUrl } from '#core/mod'

/** The largest logo a store may upload */
export const MAX_LOGO_BYTES = 2 * 2 ** 20

/** What a logo must be, read from its first bytes: never from its name or the browser's word */
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp']

/** The square boxes a logo is drawn into: the shop's 48 px tile at 2x and 4x */
export const LOGO_SIZES = [96, 192] as const

/** A logo file's name on its route: `<content hash>-<size>.webp` */
export const LOGO_FILE_NAME = /^[0-9a-f]{32}-(96|192)\.webp$/

export const logoKey = (tenantId: string, name: string) => `logos/${tenantId}/${name}`
const fileName = (hash: string, size: number) => `${hash}-${size}.webp`

export class LogoTooLarge extends Error {}
export class LogoNotAnImage extends Error {}

/** The bytes of an uploaded part, refused once past `MAX_LOGO_BYTES` (the rest is drained) */
export async function readLogoPart(part: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of part) {
    size += chunk.length
    if (size > MAX_LOGO_BYTES) {
      part.resume()
      throw new LogoTooLarge()
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/**
 * The store's logo files from an upload: checked by content, drawn into
 * each square box keeping its proportions (transparent margins, so a wide
 * wordmark stays whole), as WebP, under names that carry the upload's hash.
 * Writing the same logo twice writes the same files; returns the hash.
 */
export async function writeLogoFiles(tenantId: string, bytes: Buffer): Promise<string> {
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !LOGO_TYPES.includes(type.mime)) throw new LogoNotAnImage()
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 32)
  let files: { name: string; body: Buffer }[]
  try {
    files = await Promise.all(
      LOGO_SIZES.map(async (size) => ({
        name: fileName(hash, size),
        body: await sharp(bytes, { failOn: 'error' })
          .rotate()
          .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
          .webp({ quality: 90 })
          .toBuffer(),
      }))
    )
  } catch {
    // Right first bytes, broken body: still not an image anyone can see
    throw new LogoNotAnImage()
  }
  await Promise.all(files.map((file) => drive.use().put(logoKey(tenantId, file.name), file.body)))
  return hash
}

export async function deleteLogoFiles(tenantId: string, hash: string) {
  await Promise.all(
    LOGO_SIZES.map((size) =>
      drive
        .use()
        .delete(logoKey(tenantId, fileName(hash, size)))
        .catch(() => {})
    )
  )
}

/**
 * Where a logo file is fetched: the logo route, which streams it from
 * whichever disk keeps it (a bucket stays private), on the platform's host
 * like product images, since a store's own host mounts every path onto its shop
 */
function logoFileUrl(tenantId: string, hash: string, size: number) {
  return platformUrl('store_logos.show', { tenantId, name: fileName(hash, size) })
}

/** The logo's `src` (the 96 px file) and `srcset` (both), for the shop's 48 px tile */
export async function logoUrls(tenantId: string, hash: string) {
  const [small, large] = LOGO_SIZES.map((size) => logoFileUrl(tenantId, hash, size))
  return { url: small, srcset: `${small} 2x, ${large} 4x` }
}
