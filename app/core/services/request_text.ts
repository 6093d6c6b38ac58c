import type { HttpContext } from '@adonisjs/core/http'
import { TooLarge } from './errors.js'

/**
 * The body of a request whose type no body parser reads (a file sent as
 * `text/csv`), read by the route itself, after session, CSRF and
 * authentication, and never more than `maxBytes`: the parsers' limits stay
 * small for every other route.
 */
export async function readRequestText(ctx: HttpContext, maxBytes: number, tooLarge: string) {
  const stream = ctx.request.request
  const declared = Number(ctx.request.header('content-length') ?? 0)
  if (declared > maxBytes) throw new TooLarge(tooLarge)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    size += (chunk as Buffer).length
    if (size > maxBytes) {
      stream.destroy()
      throw new TooLarge(tooLarge)
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}
