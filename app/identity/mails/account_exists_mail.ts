import type { I18n } from '@adonisjs/i18n'
import { LinesMail } from './lines_mail.js'

/**
 * What a sign-up with an address that already has an account mails to that
 * address (the page answers as for any sign-up, so it reveals nothing):
 * sign in, or get a sign-in link; and, while the address is unproven, a link
 * to prove it.
 */
export default class AccountExistsMail extends LinesMail {
  constructor(
    email: string,
    private signInUrl: string,
    private verificationUrl: string | null,
    locale: string
  ) {
    super(email, locale)
  }

  protected compose(i18n: I18n) {
    const lines = [i18n.t('identity.account_exists.mail_body'), this.signInUrl]
    if (this.verificationUrl) {
      lines.push(i18n.t('identity.account_exists.mail_verify'), this.verificationUrl)
    }
    lines.push(i18n.t('identity.account_exists.mail_not_you'))
    return { subject: i18n.t('identity.account_exists.mail_subject'), lines }
  }
}
