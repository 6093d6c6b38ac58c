import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'
import app from '@adonisjs/core/services/app'
import { OutboxTransport } from '#core/mod'

/** Where the development mailbox may open (see devMailboxOpensTo) */
export const devMailbox = {
  environment: app.nodeEnvironment,
  switchedOn: env.get('DEV_MAILBOX', false),
}

const mailConfig = defineConfig({
  default: env.get('MAIL_MAILER'),
  from: env.get('MAIL_FROM'),
  mailers: {
    outbox: () => new OutboxTransport(),
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', 'localhost'),
      port: env.get('SMTP_PORT', 587),
      auth: env.get('SMTP_USERNAME')
        ? { type: 'login', user: env.get('SMTP_USERNAME')!, pass: env.get('SMTP_PASSWORD', '') }
        : undefined,
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
import type { InferMailers } from '@adonisjs/mail/types'
