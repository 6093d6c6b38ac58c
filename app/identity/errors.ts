import { Exception } from '@adonisjs/core/exceptions'
import type { LoginTokenPurpose } from './models/login_token.js'

/**
 * A mailed link that was already used or has expired: 410, with a way to ask
 * for a new one on the page that says so.
 */
export class LinkSpent extends Exception {
  static status = 410
  static code = 'E_LINK_SPENT'
  declare purpose: LoginTokenPurpose

  static of(purpose: LoginTokenPurpose, message: string) {
    return Object.assign(new LinkSpent(message), { purpose })
  }
}

/**
 * Another request changed the same thing first (an invitation accepted, a
 * token rotated a moment ago). Answered with 409 and the message as it is,
 * never re-rendered as a form error: there is nothing to correct in the form.
 */
export class Contended extends Exception {
  static status = 409
  static code = 'E_CONTENDED'
}
