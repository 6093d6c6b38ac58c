import env from '#start/env'
import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'

export default class WelcomeMail extends BaseMail {
  constructor(
    private email: string,
    private storeName: string,
    private storeUrl: string,
    private locale: string
  ) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale(this.locale)
    const lines = [
      i18n.t('identity.welcome.mail_body', { store: this.storeName }),
      this.storeUrl,
      i18n.t('identity.welcome.mail_dashboard'),
      `${env.get('APP_URL')}/dashboard`,
    ]
    this.message
      .to(this.email)
      .subject(i18n.t('identity.welcome.mail_subject', { store: this.storeName }))
      .htmlView('identity/mails/lines', { lines })
      .textView('identity/mails/lines_text', { lines })
  }
}
