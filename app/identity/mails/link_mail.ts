import type { I18n } from '@adonisjs/i18n'
import { LinesMail } from './lines_mail.js'

/**
 * A single-use link mailed to an address: a sign-in link (`magic_link`) or
 * one that proves the address (`verification`). The link only opens a page;
 * the button on it does the rest.
 */
export default class LinkMail extends LinesMail {
  constructor(
    email: string,
    private kind: 'magic_link' | 'verification',
    private url: string,
    locale: string
  ) {
    super(email, locale)
  }

  protected compose(i18n: I18n) {
    const copy = `identity.${this.kind}`
    return {
      subject: i18n.t(`${copy}.mail_subject`),
      lines: [i18n.t(`${copy}.mail_body`), this.url, i18n.t(`${copy}.mail_not_you`)],
    }
  }
}
