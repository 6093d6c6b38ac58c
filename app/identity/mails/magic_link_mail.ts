import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'

export default class MagicLinkMail extends BaseMail {
  constructor(
    private email: string,
    private url: string,
    private locale: string
  ) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale(this.locale)
    const lines = [i18n.t('identity.magic_link.mail_body'), this.url]
    this.message
      .to(this.email)
      .subject(i18n.t('identity.magic_link.mail_subject'))
      .htmlView('identity/mails/lines', { lines })
      .textView('identity/mails/lines_text', { lines })
  }
}
