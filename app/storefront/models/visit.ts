import type { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import { TenantScoped } from '#tenancy/mod'
import type { DeviceClass } from '../services/visits_rules.js'

/** A storefront page view, written by the visits flush; read by the attribution report */
export default class Visit extends compose(BaseModel, TenantScoped) {
  @column({ isPrimary: true })
  declare id: string

  @column.dateTime()
  declare occurredAt: DateTime

  @column()
  declare path: string

  /** Whether the view starts a visit (it then has a source) */
  @column()
  declare landing: boolean

  @column()
  declare source: string | null

  @column()
  declare medium: string | null

  @column()
  declare campaign: string | null

  @column()
  declare utmSource: string | null

  @column()
  declare utmMedium: string | null

  @column()
  declare utmCampaign: string | null

  @column()
  declare utmTerm: string | null

  @column()
  declare utmContent: string | null

  @column()
  declare referrerHost: string | null

  @column()
  declare device: DeviceClass

  @column()
  declare visitorId: string | null

  @column()
  declare visitorHash: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
