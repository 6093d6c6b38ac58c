import sharp, { type Sharp } from 'sharp'
import { createHash } from 'node:crypto'
import type { MediaFormat } from '../models/product_media.js'

/** The widths a product image is offered in; an image narrower than one is offered at its own */
export const MEDIA_WIDTHS = [320, 640, 1280] as const

/** AVIF's default effort costs seconds per image here; 0–2 gives nearly the same bytes */
const ENCODERS: Record<MediaFormat, (image: Sharp) => Sharp> = {
  avif: (image) => image.avif({ quality: 50, effort: 1 }),
  webp: (image) => image.webp({ quality: 78, effort: 4 }),
}

export interface RenderedVariant {
  format: MediaFormat
  width: number
  height: number
  hash: string
  data: Buffer
}

/** The widths to make from an original `width` pixels wide: never wider than it */
export function widthsFor(width: number) {
  const widths: number[] = MEDIA_WIDTHS.filter((candidate) => candidate < width)
  if (widths.length < MEDIA_WIDTHS.length) widths.push(width)
  return widths
}

/**
 * Every size and format of an original, each named by its own content's
 * hash: the same original always gives the same files, so a job that runs
 * twice writes the same keys.
 */
export async function renderVariants(original: Buffer): Promise<RenderedVariant[]> {
  // EXIF orientation applied first, so a phone's portrait photo stays upright
  const upright = sharp(original, { failOn: 'error' }).rotate()
  const size = await imageSize(original)
  if (!size) throw new Error('the original is not a readable image')
  const jobs = widthsFor(size.width).flatMap((target) =>
    (Object.keys(ENCODERS) as MediaFormat[]).map(async (format) => {
      const resized = upright.clone().resize({ width: target, withoutEnlargement: true })
      const { data, info } = await ENCODERS[format](resized).toBuffer({ resolveWithObject: true })
      const hash = createHash('sha256').update(data).digest('hex')
      return { format, width: info.width, height: info.height, hash, data }
    })
  )
  return Promise.all(jobs)
}

/** The size of an image as it will be shown (after EXIF orientation), or null when unreadable */
export async function imageSize(original: Buffer) {
  try {
    const meta = await sharp(original).metadata()
    if (!meta.width || !meta.height) return null
    const turned = (meta.orientation ?? 1) >= 5
    return turned
      ? { width: meta.height, height: meta.width }
      : { width: meta.width, height: meta.height }
  } catch {
    return null
  }
}
