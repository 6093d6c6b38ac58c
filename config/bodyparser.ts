import { defineConfig } from '@adonisjs/core/bodyparser'

export default defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
    limit: '64kb',
  },
  json: {
    convertEmptyStringsToNull: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
    limit: '256kb',
  },
  /**
   * Plain-text bodies (`text/*`) are not read by any parser (the default
   * would read up to 1 MB of them for every route, before authentication):
   * the one route that takes a file this way (the catalog's CSV import)
   * reads it itself with core's `readRequestText`, after the member is known.
   */
  raw: {
    encoding: 'utf-8',
    limit: '1kb',
    types: [],
  },
  /**
   * Multipart bodies are never read on their own. Processed automatically,
   * every file part of any request would be written to a temporary file
   * before CSRF, authentication or the route had a say (and never deleted),
   * so anyone could fill the disk. A route that takes files lists its pattern
   * in `processManually` and reads `ctx.request.multipart` itself, after
   * authentication, deleting what it does not keep; core's input guard
   * answers every other multipart request with 415.
   */
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: ['/dashboard/catalog/products/:product_id/media', '/dashboard/settings/logo'],
    limit: '5mb',
    types: ['multipart/form-data'],
  },
})
