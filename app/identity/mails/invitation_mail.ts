import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'

export default class InvitationMail extends BaseMail {
  constructor(
    private email: string,
    private storeName: string,
    private role: string,
    private url: string,
    private locale: string
  ) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale(this.locale)
    const role = i18n.t(`roles.${this.role}`)
    const lines = [
      i18n.t('identity.invitations.mail_body', { store: this.storeName, role }),
      this.url,
    ]
    this.message
      .to(this.email)
      .subject(i18n.t('identity.invitations.mail_subject', { store: this.storeName }))
      .htmlView('identity/mails/lines', { lines })
      .textView('identity/mails/lines_text', { lines })
  }
}
