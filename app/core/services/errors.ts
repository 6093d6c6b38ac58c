import { Exception } from '@adonisjs/core/exceptions'

/**
 * Typed failures raised by domain operations. The exception handler turns
 * them into a page, an htmx fragment or `{errors:[{field,message}]}`.
 */
export class NotFound extends Exception {
  static status = 404
  static code = 'E_NOT_FOUND'
}

export class NotAllowed extends Exception {
  static status = 403
  static code = 'E_NOT_ALLOWED'
}

export class Invalid extends Exception {
  static status = 422
  static code = 'E_INVALID'
  constructor(
    message: string,
    public field?: string
  ) {
    super(message)
  }
}

export class Conflict extends Exception {
  static status = 409
  static code = 'E_CONFLICT'
  constructor(
    message: string,
    public field?: string
  ) {
    super(message)
  }
}

/**
 * The resource is there but may not change now (a suspended store).
 */
export class Locked extends Exception {
  static status = 423
  static code = 'E_LOCKED'
}
