import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { Timestamped } from '#core/mod'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { TenantSnapshot } from '../services/tenant_context.js'

export default class Tenant extends compose(BaseModel, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare slug: string

  @column()
  declare name: string

  @column()
  declare status: 'active' | 'suspended'

  @column()
  declare defaultCurrency: string

  @column()
  declare defaultLocale: string

  @column()
  declare blueprint: string

  @column()
  declare customDomain: string | null

  @column.dateTime()
  declare suspendedAt: DateTime | null

  toSnapshot(): TenantSnapshot {
    return {
      id: this.id,
      slug: this.slug,
      name: this.name,
      status: this.status,
      defaultCurrency: this.defaultCurrency,
      defaultLocale: this.defaultLocale,
      blueprint: this.blueprint,
      customDomain: this.customDomain,
    }
  }
}
