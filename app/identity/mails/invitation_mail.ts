import type { I18n } from '@adonisjs/i18n'
import { LinesMail } from './lines_mail.js'

export default class InvitationMail extends LinesMail {
  constructor(
    email: string,
    private storeName: string,
    private role: string,
    private url: string,
    locale: string
  ) {
    super(email, locale)
  }

  protected compose(i18n: I18n) {
    const role = i18n.t(`roles.${this.role}`)
    return {
      subject: i18n.t('identity.invitations.mail_subject', { store: this.storeName }),
      lines: [i18n.t('identity.invitations.mail_body', { store: this.storeName, role }), this.url],
    }
  }
}
