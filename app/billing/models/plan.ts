import type { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { Timestamped, type Money } from '#core/mod'
import { normalizeLimits, type PlanLimits } from '../services/plan_limits.js'

const amount = {
  consume: (value: string | number) => BigInt(value),
  prepare: (value: bigint) => value.toString(),
}

const json = {
  prepare: (value: unknown) => JSON.stringify(value),
}

/** A plan of the platform's (not a store's): what it costs and what it allows */
export default class Plan extends compose(BaseModel, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare code: string

  @column()
  declare name: string

  @column(amount)
  declare monthlyPriceAmount: bigint

  @column()
  declare currency: string

  @column()
  declare stripePriceId: string | null

  @column()
  declare trialDays: number

  @column({ ...json, consume: normalizeLimits })
  declare limits: PlanLimits

  @column(json)
  declare meteredCharges: unknown[]

  @column.dateTime()
  declare archivedAt: DateTime | null

  get monthlyPrice(): Money {
    return { amount: this.monthlyPriceAmount, currency: this.currency.trim() }
  }
}
