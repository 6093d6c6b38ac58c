import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { clock } from '#core/mod'
import type { Role } from '../roles.js'

/**
 * Outside row-level security (see the table comment): found by its token
 * before the tenant is known. Every other query names `tenant_id`.
 */
export default class Invitation extends BaseModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare email: string

  @column()
  declare role: Role

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare invitedByUserId: string | null

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare acceptedAt: DateTime | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  /** Withdraws the invitation: its link stops working */
  async revoke() {
    this.revokedAt = clock.now()
    await this.save()
  }

  isOpenAt(now: DateTime) {
    return !this.acceptedAt && !this.revokedAt && this.expiresAt > now
  }
}
