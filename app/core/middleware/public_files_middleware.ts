import app from '@adonisjs/core/services/app'
import StaticMiddleware from '@adonisjs/static/static_middleware'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Files in public/ all have an extension; pages and API routes do not look for one */
const FILE_PATH = /\.[A-Za-z0-9]+$/

/** The static server is built once: the container hands out a new one, options and all, per call */
let files: Promise<StaticMiddleware> | null = null

/**
 * Serves public/ (stylesheet, htmx, icons) only for paths that name a file,
 * so a page or an API call never pays for a `stat` of public/ first.
 */
export default class PublicFilesMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    if (!FILE_PATH.test(ctx.request.url())) return next()
    files ??= app.container.make(StaticMiddleware)
    return files.then((server) => server.handle(ctx, next))
  }
}
