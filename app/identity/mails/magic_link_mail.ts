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
    this.message
      .to(this.email)
      .subject(i18n.t('identity.magic_link.mail_subject'))
      .htmlView('identity/mails/magic_link', { url: this.url, i18n })
      .textView('identity/mails/magic_link_text', { url: this.url, i18n })
  }
}
