import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { Timestamped } from '#core/mod'
import { BaseModel, beforeCreate, beforeSave, column } from '@adonisjs/lucid/orm'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class User extends compose(BaseModel, AuthFinder, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare email: string

  @column()
  declare fullName: string

  @column({ serializeAs: null })
  declare password: string | null

  @column()
  declare locale: string | null

  @column()
  declare isPlatformAdmin: boolean

  /** When the owner of the address proved it (a verification or magic link); null until then */
  @column.dateTime()
  declare emailVerifiedAt: DateTime | null

  /** Grows when every session opened so far must end; a session remembers the epoch it began in */
  @column()
  declare sessionEpoch: number

  @beforeSave()
  static normalizeEmail(user: User) {
    if (user.$dirty.email) user.email = user.email.trim().toLowerCase()
  }

  @beforeCreate()
  static startAtEpochZero(user: User) {
    user.sessionEpoch ??= 0
  }

  get isVerified() {
    return this.emailVerifiedAt !== null && this.emailVerifiedAt !== undefined
  }
}
