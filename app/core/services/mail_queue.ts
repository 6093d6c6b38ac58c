import mail from '@adonisjs/mail/services/main'
import queue from '@rlanz/bull-queue/services/main'
import DeliverMailJob from '../jobs/deliver_mail_job.js'

/**
 * `mail.sendLater` goes through BullMQ, so a request never waits on SMTP.
 */
export function sendLaterThroughQueue() {
  mail.setMessenger((mailer) => ({
    async queue(compiled) {
      await queue.dispatch(DeliverMailJob, {
        mailer: mailer.name,
        message: compiled.message,
        views: compiled.views,
      })
    },
  }))
}
