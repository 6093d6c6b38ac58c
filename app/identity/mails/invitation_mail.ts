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
    const data = { url: this.url, storeName: this.storeName, role: this.role, i18n }
    this.message
      .to(this.email)
      .subject(i18n.t('identity.invitations.mail_subject', { store: this.storeName }))
      .htmlView('identity/mails/invitation', data)
      .textView('identity/mails/invitation_text', data)
  }
}
