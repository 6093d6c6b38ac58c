import sharp from 'sharp'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { withTenant } from '#tenancy/mod'
import type { TestStore } from '#tests/helpers'
import AttachProductMedia from '#catalog/operations/attach_product_media'
import { uploadKey } from '#catalog/services/media_files'

/** A PNG of `width` × `height` in one colour, made here so no test needs a file */
export function pngOf(width: number, height: number, colour = '#c0392b') {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer()
}

/** The test server's own address, for requests the test client cannot shape (raw bodies) */
export const SERVER = `http://${process.env.HOST === '0.0.0.0' ? '127.0.0.1' : (process.env.HOST ?? 'localhost')}:${process.env.PORT}`

/** An image attached to `productId` of `fixture` the way an upload is, without HTTP */
export async function seedMedia(fixture: TestStore, productId: string, image?: Buffer) {
  const key = uploadKey(fixture.store.id)
  await drive.use().put(key, image ?? (await pngOf(400, 300)))
  return withTenant(fixture.store, () =>
    new AttachProductMedia().handle({
      actorUserId: fixture.owner.id,
      productId,
      uploadKey: key,
      altText: 'A seeded image',
    })
  )
}

/** The store's product_media rows, read past row-level security */
export function mediaRowsOf(fixture: TestStore) {
  return db
    .connection('platform')
    .from('product_media')
    .where('tenant_id', fixture.store.id)
    .orderBy('position')
    .select('*')
}

/** Every object the store has on the disk, under any area (uploads, originals, media) */
export async function objectsOf(fixture: TestStore) {
  const found: string[] = []
  for (const area of ['uploads', 'originals', 'media']) {
    const { objects } = await drive
      .use()
      .listAll(`${area}/${fixture.store.id}`, { recursive: true })
      .catch(() => ({ objects: [] }))
    for (const object of objects) if (object.isFile) found.push(object.key)
  }
  return found.sort()
}
