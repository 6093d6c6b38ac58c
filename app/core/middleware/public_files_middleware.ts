import { inject } from '@adonisjs/core'
import StaticMiddleware from '@adonisjs/static/static_middleware'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Files in public/ all have an extension; pages and API routes do not look for one */
const FILE_PATH = /\.[A-Za-z0-9]+$/

/**
 * Serves public/ (stylesheet, htmx, icons) only for paths that name a file,
 * so a page or an API call never pays for a `stat` of public/ first.
 */
@inject()
export default class PublicFilesMiddleware {
  constructor(protected files: StaticMiddleware) {}

  handle(ctx: HttpContext, next: NextFn) {
    return FILE_PATH.test(ctx.request.url()) ? this.files.handle(ctx, next) : next()
  }
}
