import type { HttpContext } from '@adonisjs/core/http'

export function wantsJson(ctx: HttpContext): boolean {
  return ctx.request.url().startsWith('/api/') || ctx.request.accepts(['html', 'json']) === 'json'
}
