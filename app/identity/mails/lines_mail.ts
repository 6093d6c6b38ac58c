import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import type { I18n } from '@adonisjs/i18n'

/**
 * Identity's mails: a subject and a few lines (a line that is a URL becomes
 * a link), written in the recipient's language.
 */
export abstract class LinesMail extends BaseMail {
  constructor(
    protected recipient: string,
    protected locale: string
  ) {
    super()
  }

  protected abstract compose(i18n: I18n): { subject: string; lines: string[] }

  prepare() {
    const { subject, lines } = this.compose(i18nManager.locale(this.locale))
    this.message
      .to(this.recipient)
      .subject(subject)
      .htmlView('identity/mails/lines', { lines })
      .textView('identity/mails/lines_text', { lines })
  }
}
