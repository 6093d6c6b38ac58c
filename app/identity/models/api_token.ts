import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { TokenAbility } from '../roles.js'

/**
 * Outside row-level security (see the table comment): found by its hash
 * before the tenant is known. Every other query names `tenant_id`.
 */
export default class ApiToken extends BaseModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare userId: string

  @column()
  declare name: string

  @column({ prepare: (value: string[]) => JSON.stringify(value) })
  declare abilities: TokenAbility[]

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare hint: string

  @column.dateTime()
  declare expiresAt: DateTime | null

  @column.dateTime()
  declare lastUsedAt: DateTime | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  isUsableAt(now: DateTime) {
    return !this.revokedAt && (!this.expiresAt || this.expiresAt > now)
  }

  allows(ability: TokenAbility) {
    return this.abilities.includes(ability)
  }
}
