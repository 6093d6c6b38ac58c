import type { HttpContext } from '@adonisjs/core/http'

export async function renderStoreNotFound(ctx: HttpContext) {
  ctx.response.status(404)
  return ctx.response.send(await ctx.view.render('storefront/not_found'))
}

export async function renderStoreUnavailable(ctx: HttpContext) {
  ctx.response.status(503)
  ctx.response.header('Retry-After', '3600')
  return ctx.response.send(await ctx.view.render('storefront/unavailable'))
}
