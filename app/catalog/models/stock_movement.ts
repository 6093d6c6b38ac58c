import type { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import { TenantScoped } from '#tenancy/mod'

export const STOCK_REASONS = ['initial', 'adjustment', 'sale', 'cancellation', 'import'] as const
export type StockReason = (typeof STOCK_REASONS)[number]

/** Why a variant's stock moved, and where it ended */
export default class StockMovement extends compose(BaseModel, TenantScoped) {
  static table = 'stock_movements'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare variantId: string

  @column()
  declare delta: number

  @column()
  declare reason: StockReason

  @column()
  declare note: string

  @column()
  declare actorUserId: string | null

  @column()
  declare stockAfter: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
