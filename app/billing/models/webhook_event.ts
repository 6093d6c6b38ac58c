import type { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type WebhookEventStatus = 'received' | 'processed' | 'failed' | 'ignored'

/** One delivery of a provider's event, recorded once, as it arrived */
export default class WebhookEvent extends BaseModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare provider: string

  @column()
  declare eventId: string

  @column()
  declare type: string

  @column({ prepare: (value: unknown) => JSON.stringify(value) })
  declare payload: Record<string, any>

  @column()
  declare status: WebhookEventStatus

  @column()
  declare attempts: number

  @column()
  declare lastError: string | null

  @column.dateTime()
  declare receivedAt: DateTime

  @column.dateTime()
  declare processedAt: DateTime | null
}
