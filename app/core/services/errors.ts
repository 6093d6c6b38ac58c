import { Exception } from '@adonisjs/core/exceptions'

/**
 * Typed failures raised by domain operations. The exception handler turns
 * them into a page, an htmx fragment or `{errors:[{field,message}]}`. A
 * failure may name the page it is shown on (`page`, a view) and headers it
 * sends (`headers`); otherwise it gets the platform's error page.
 */
function failure(status: number, code: string) {
  return class extends Exception {
    static status = status
    static code = code
  }
}

/** A refusal that names the field a person should fix, when there is one */
function fieldFailure(status: number, code: string) {
  return class extends failure(status, code) {
    constructor(
      message: string,
      public field?: string
    ) {
      super(message)
    }
  }
}

export class NotFound extends failure(404, 'E_NOT_FOUND') {}
export class NotAllowed extends failure(403, 'E_NOT_ALLOWED') {}
export class Invalid extends fieldFailure(422, 'E_INVALID') {}
export class Conflict extends fieldFailure(409, 'E_CONFLICT') {}
/**
 * The store's plan does not allow this now (a cap reached, or writes paused
 * until a payment): `link` is where the person can change that.
 */
export class PaymentRequired extends failure(402, 'E_PAYMENT_REQUIRED') {
  constructor(
    message: string,
    public link: string,
    public field?: string
  ) {
    super(message)
  }
}
/** The resource is there but may not change now (a suspended store) */
export class Locked extends failure(423, 'E_LOCKED') {}
/** The request cannot be read at all (malformed, or nested too deeply) */
export class BadRequest extends failure(400, 'E_BAD_REQUEST') {}
/** The body is of a kind this route does not take (files, where none are taken) */
export class UnsupportedMediaType extends failure(415, 'E_UNSUPPORTED_MEDIA_TYPE') {}
/** The body is larger than the route takes */
export class TooLarge extends failure(413, 'E_TOO_LARGE') {}
