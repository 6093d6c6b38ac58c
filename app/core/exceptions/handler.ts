import app from '@adonisjs/core/services/app'
import { ExceptionHandler, type HttpContext } from '@adonisjs/core/http'
import { FormRejected, fieldErrorsOf } from '../services/forms.js'
import { wantsJson } from '../services/content_negotiation.js'
import { MAX_INPUT_DEPTH } from '../middleware/input_guard_middleware.js'

const MESSAGE_KEYS: Record<number, string> = {
  400: 'errors.bad_request',
  401: 'errors.unauthenticated',
  402: 'errors.payment_required',
  403: 'errors.forbidden',
  404: 'errors.not_found',
  413: 'errors.too_large',
  415: 'errors.unsupported_type',
  422: 'errors.invalid',
  429: 'errors.too_many_requests',
  500: 'errors.server_error',
  503: 'errors.unavailable',
}

/**
 * Framework failures whose own messages are for developers (in English,
 * some echoing the request): people get one of ours instead.
 */
const CODE_MESSAGE_KEYS: Record<string, string> = {
  E_ROUTE_NOT_FOUND: 'errors.not_found',
  E_ROW_NOT_FOUND: 'errors.not_found',
  E_AUTHORIZATION_FAILURE: 'errors.forbidden',
  E_REQUEST_ENTITY_TOO_LARGE: 'errors.too_large',
  E_BAD_CSRF_TOKEN: 'errors.page.title_419',
}

/**
 * Which translation replaces a 4xx error's own message, or null when that
 * message is meant for people (typed failures are translated where they
 * are raised, and have a code). One with no code comes from parsing the
 * body: `JSON.parse` (SyntaxError), the body parser's walk over a deeply
 * nested result running out of stack (RangeError), or its refusal of a
 * bare JSON value; none of their messages is for a person.
 */
function messageKeyOf(error: any): string | null {
  if (error?.code) return CODE_MESSAGE_KEYS[error.code] ?? null
  if (error instanceof RangeError) return 'errors.too_deep'
  return error instanceof Error ? 'errors.unreadable_body' : null
}

function statusOf(error: any): number {
  if (error?.code === 'E_ROW_NOT_FOUND') return 404
  const status = Number(error?.status)
  return status >= 400 && status < 600 ? status : 500
}

/**
 * One place turns failures into answers: JSON gets `{errors:[{field,message}]}`,
 * pages get a page in the viewer's language. Messages of 4xx errors are meant
 * for people; a 500's message never leaves the server.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  async handle(error: any, ctx: HttpContext) {
    if (error instanceof FormRejected) {
      return error.handle(error, ctx)
    }
    if (error?.code === 'E_UNAUTHORIZED_ACCESS' && !wantsJson(ctx)) {
      return ctx.response.redirect().toRoute('sessions.create')
    }

    const status = statusOf(error)
    const page = typeof error?.page === 'string' ? error.page : null
    const unexpected = status >= 500 && !page
    const translate = (key: string, data?: Record<string, unknown>) =>
      ctx.i18n ? ctx.i18n.t(key, data) : key
    const fieldErrors = fieldErrorsOf(error)
    const messageKey = messageKeyOf(error)
    const message = unexpected
      ? translate(MESSAGE_KEYS[status] ?? 'errors.server_error')
      : fieldErrors?.[0]?.message ||
        (messageKey
          ? translate(messageKey, { depth: MAX_INPUT_DEPTH })
          : error?.message || translate(MESSAGE_KEYS[status] ?? 'errors.bad_request'))

    if (error?.headers && typeof error.headers === 'object') {
      for (const [name, value] of Object.entries(error.headers))
        ctx.response.header(name, String(value))
    }
    if (unexpected) await this.report(error, ctx)

    ctx.response.status(status)
    if (wantsJson(ctx)) {
      return ctx.response.send({ errors: fieldErrors ?? [{ field: null, message }] })
    }
    if (unexpected && this.debug) return super.handle(error, ctx)
    return ctx.response.send(
      await ctx.view.render(page ?? 'core/error', {
        status,
        message,
        reason: error?.code ?? null,
        link: typeof error?.link === 'string' ? error.link : null,
      })
    )
  }
}
