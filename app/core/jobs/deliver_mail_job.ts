import { Job } from '@rlanz/bull-queue'
import mail from '@adonisjs/mail/services/main'
import type { MessageBodyTemplates, NodeMailerMessage } from '@adonisjs/mail/types'

export interface DeliverMailPayload {
  mailer: string
  message: NodeMailerMessage
  views: MessageBodyTemplates
}

/**
 * Every `mail.sendLater` lands here, so a request never waits on SMTP.
 * Delivering the same message twice is the worst a retry can do.
 */
export default class DeliverMailJob extends Job {
  static get $$filepath() {
    return import.meta.url
  }

  async handle(payload: DeliverMailPayload) {
    await mail
      .use(payload.mailer as Parameters<typeof mail.use>[0])
      .sendCompiled({ message: payload.message, views: payload.views })
  }

  async rescue(payload: DeliverMailPayload, error: Error) {
    this.logger.error({ err: error, to: payload.message.to }, 'mail could not be delivered')
  }
}
