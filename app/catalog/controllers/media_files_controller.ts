import type { HttpContext } from '@adonisjs/core/http'
import { NotFound } from '#core/mod'
import { IMMUTABLE, VARIANT_NAME, disk } from '../services/media_files.js'
import { say } from '../messages.js'

/**
 * Generated product images from the local disk. Their names carry their
 * content's hash, so a name never changes meaning and browsers and CDNs
 * may keep them for a year without asking again. Only generated files are
 * served: originals and pending uploads never are.
 */
export default class MediaFilesController {
  async show({ params, response }: HttpContext) {
    const name = String(params.name)
    if (!VARIANT_NAME.test(name)) throw new NotFound(say('media.not_found'))
    const key = `media/${params.tenantId}/${name}`
    if (!(await disk().exists(key))) throw new NotFound(say('media.not_found'))
    const { contentLength } = await disk().getMetaData(key)
    response.header('cache-control', IMMUTABLE)
    response.header('content-type', name.endsWith('.avif') ? 'image/avif' : 'image/webp')
    response.header('content-length', String(contentLength))
    response.header('x-content-type-options', 'nosniff')
    return response.stream(await disk().getStream(key))
  }
}
