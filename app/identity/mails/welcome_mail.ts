import type { I18n } from '@adonisjs/i18n'
import { LinesMail } from './lines_mail.js'

export default class WelcomeMail extends LinesMail {
  constructor(
    email: string,
    private storeName: string,
    private storeUrl: string,
    private dashboardUrl: string,
    locale: string
  ) {
    super(email, locale)
  }

  protected compose(i18n: I18n) {
    return {
      subject: i18n.t('identity.welcome.mail_subject', { store: this.storeName }),
      lines: [
        i18n.t('identity.welcome.mail_body', { store: this.storeName }),
        this.storeUrl,
        i18n.t('identity.welcome.mail_dashboard'),
        this.dashboardUrl,
      ],
    }
  }
}
