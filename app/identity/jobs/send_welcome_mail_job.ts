import mail from '@adonisjs/mail/services/main'
import { platformUrl, storeUrl } from '#core/mod'
import { TenantJob, type TenantSnapshot } from '#tenancy/mod'
import Membership from '../models/membership.js'
import WelcomeMail from '../mails/welcome_mail.js'

interface Payload {
  tenantId: string
  userId: string
}

export default class SendWelcomeMailJob extends TenantJob<Payload> {
  static get $$filepath() {
    return import.meta.url
  }

  async handleForTenant({ userId }: Payload, store: TenantSnapshot) {
    const owner = await Membership.query().where('user_id', userId).preload('user').first()
    if (!owner) return
    await mail.send(
      new WelcomeMail(
        owner.user.email,
        store.name,
        storeUrl(store),
        platformUrl('dashboard.show'),
        store.defaultLocale
      )
    )
  }
}
