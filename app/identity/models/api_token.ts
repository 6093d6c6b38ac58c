import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { clock, randomToken, sha256 } from '#core/mod'
import type { TokenAbility } from '../roles.js'

export const TOKEN_PREFIX = 'bzr_'

export interface MintedToken {
  token: ApiToken
  /** The only time the plain value exists: shown once, stored as its hash */
  plain: string
}

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

  /** Stops the token from working, from now on */
  async revoke() {
    this.revokedAt = clock.now()
    await this.save()
  }

  /** What token events say about it */
  get eventFields() {
    return { tokenId: this.id, holderUserId: this.userId, name: this.name }
  }

  /** Whole days between creation and expiry (null: never expires), kept by a rotation */
  get lifetimeDays(): number | null {
    if (!this.expiresAt) return null
    return Math.max(1, Math.ceil(this.expiresAt.diff(this.createdAt, 'days').days))
  }

  /** What the creator of a token is told, once: the plain value and what it may do */
  toIssuedJson(plain: string) {
    return {
      data: {
        id: this.id,
        token: plain,
        abilities: this.abilities,
        expiresAt: this.expiresAt?.toISO() ?? null,
      },
    }
  }

  /**
   * Creates a token: a random value with a recognisable prefix, stored only
   * as its hash, with the last characters kept as a hint.
   */
  static async mint(fields: {
    tenantId: string
    userId: string
    name: string
    abilities: TokenAbility[]
    lifetimeDays: number | null
  }): Promise<MintedToken> {
    const plain = `${TOKEN_PREFIX}${randomToken(32)}`
    const token = await ApiToken.create({
      tenantId: fields.tenantId,
      userId: fields.userId,
      name: fields.name,
      abilities: [...new Set(fields.abilities)],
      tokenHash: sha256(plain),
      hint: plain.slice(-4),
      expiresAt: fields.lifetimeDays ? clock.now().plus({ days: fields.lifetimeDays }) : null,
    })
    return { token, plain }
  }
}
