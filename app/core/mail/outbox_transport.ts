import redis from '@adonisjs/redis/services/main'
import { MailResponse } from '@adonisjs/mail'
import { JSONTransport } from '@adonisjs/mail/transports/json'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'
import { clock } from '../services/clock.js'

const OUTBOX_KEY = 'dev:outbox'
const OUTBOX_SIZE = 200

export interface OutboxMessage {
  to: string[]
  subject: string
  html: string
  text: string
  sentAt: string
}

/**
 * Keeps outgoing mail in Redis instead of delivering it, so development and
 * tests can read what a person would have received (magic links, invitations).
 */
export class OutboxTransport implements MailTransportContract {
  #json = new JSONTransport()

  async send(message: NodeMailerMessage): Promise<MailResponse<unknown>> {
    const response = await this.#json.send(message)
    const recipients = ([] as unknown[])
      .concat(message.to ?? [])
      .map((to) => (typeof to === 'string' ? to : (to as { address: string }).address))
    const entry: OutboxMessage = {
      to: recipients,
      subject: String(message.subject ?? ''),
      html: String(message.html ?? ''),
      text: String(message.text ?? ''),
      sentAt: clock.now().toISO()!,
    }
    await redis.lpush(OUTBOX_KEY, JSON.stringify(entry))
    await redis.ltrim(OUTBOX_KEY, 0, OUTBOX_SIZE - 1)
    return response
  }
}

export async function readOutbox(recipient?: string): Promise<OutboxMessage[]> {
  const raw = await redis.lrange(OUTBOX_KEY, 0, OUTBOX_SIZE - 1)
  const messages = raw.map((entry) => JSON.parse(entry) as OutboxMessage)
  return recipient
    ? messages.filter((message) => message.to.includes(recipient.toLowerCase()))
    : messages
}
