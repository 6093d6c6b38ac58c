import { Exception } from '@adonisjs/core/exceptions'

/**
 * Typed failures raised by domain operations. The exception handler turns
 * them into a page, an htmx fragment or `{errors:[{field,message}]}`. A
 * failure may name the page it is shown on (`page`, a view) and headers it
 * sends (`headers`); otherwise it gets the platform's error page.
 */
export class NotFound extends Exception {
  static status = 404
  static code = 'E_NOT_FOUND'
}

export class NotAllowed extends Exception {
  static status = 403
  static code = 'E_NOT_ALLOWED'
}

/** A refusal that names the field a person should fix, when there is one */
abstract class FieldFailure extends Exception {
  constructor(
    message: string,
    public field?: string
  ) {
    super(message)
  }
}

export class Invalid extends FieldFailure {
  static status = 422
  static code = 'E_INVALID'
}

export class Conflict extends FieldFailure {
  static status = 409
  static code = 'E_CONFLICT'
}

/**
 * The resource is there but may not change now (a suspended store).
 */
export class Locked extends Exception {
  static status = 423
  static code = 'E_LOCKED'
}
