import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** What a mailed single-use link does: sign in, or prove the address */
export type LoginTokenPurpose = 'sign_in' | 'verify_email'

export default class LoginToken extends BaseModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: string

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare purpose: LoginTokenPurpose

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare usedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  isUsableAt(now: DateTime) {
    return !this.usedAt && this.expiresAt > now
  }
}
