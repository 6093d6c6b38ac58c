import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import bodyParserConfig from '#config/bodyparser'
import { BadRequest, Invalid, UnsupportedMediaType } from '../services/errors.js'
import { fieldLabel } from '../services/forms.js'

/** Deeper than any form or document this app reads; a deeper body is an attack on parsers */
export const MAX_INPUT_DEPTH = 32

const NUL = '\u0000'

interface Unusable {
  problem: 'character' | 'depth'
  path: string[]
}

/**
 * Text no code should see: a NUL character (PostgreSQL refuses it) or a
 * lone UTF-16 surrogate (`"\ud800"` in JSON: no UTF-8 spelling, and
 * validators that encode it as a URI throw).
 */
function isUnusableText(text: string) {
  return text.includes(NUL) || !text.isWellFormed()
}

/**
 * The first place in `value` no code should see: unusable text in a key or
 * a string, or nesting past MAX_INPUT_DEPTH. The walk stops at that depth,
 * so it cannot overflow.
 */
function findUnusable(value: unknown, path: string[] = []): Unusable | null {
  if (typeof value === 'string')
    return isUnusableText(value) ? { problem: 'character', path } : null
  if (value === null || typeof value !== 'object') return null
  if (path.length >= MAX_INPUT_DEPTH) return { problem: 'depth', path }
  for (const [key, child] of Object.entries(value)) {
    const found: Unusable | null = isUnusableText(key)
      ? { problem: 'character', path: [...path, key] }
      : findUnusable(child, [...path, key])
    if (found) return found
  }
  return null
}

/**
 * Runs after the body parser and before any route middleware (session,
 * CSRF, auth) or controller: refuses what no route can use with a 4xx and a
 * message, rather than letting it fail somewhere deep as a 500. Files are
 * refused unless the route processes its multipart body itself (see
 * `config/bodyparser.ts`), so none is written before authentication.
 */
export default class InputGuardMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const { multipart } = bodyParserConfig
    const route = ctx.route?.pattern ?? ''
    if (ctx.request.is(multipart.types) && !multipart.processManually.includes(route)) {
      throw new UnsupportedMediaType(ctx.i18n.t('errors.files_not_accepted'))
    }

    const { params, request } = ctx
    const unusable =
      findUnusable(params) ?? findUnusable(request.qs()) ?? findUnusable(request.body())
    if (unusable?.problem === 'character') {
      // A field name that is itself unusable is shown with U+FFFD (�) in its place
      const field = unusable.path.join('.').replaceAll(NUL, '\ufffd').toWellFormed()
      const label = fieldLabel(ctx.i18n, field)
      throw new Invalid(ctx.i18n.t('errors.unusable_character', { field: label }), field)
    }
    if (unusable?.problem === 'depth') {
      throw new BadRequest(ctx.i18n.t('errors.too_deep', { depth: MAX_INPUT_DEPTH }))
    }
    return next()
  }
}
