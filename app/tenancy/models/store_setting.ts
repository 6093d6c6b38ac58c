import type { DateTime } from 'luxon'
import { Timestamped } from '#core/mod'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import { TenantScoped } from './tenant_scoped.js'

export default class StoreSetting extends compose(BaseModel, TenantScoped, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare theme: string

  @column()
  declare accentColor: string

  @column()
  declare tagline: string

  @column({ prepare: (value: string[]) => JSON.stringify(value) })
  declare highlights: string[]

  /** The content hash the logo's files are named by (services/store_logo.ts); null for none */
  @column()
  declare logoHash: string | null

  /** When the merchant last saved the settings page; null until they have */
  @column.dateTime()
  declare confirmedAt: DateTime | null
}
