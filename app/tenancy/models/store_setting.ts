import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import { TenantScoped } from './tenant_scoped.js'

export default class StoreSetting extends compose(BaseModel, TenantScoped) {
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

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
