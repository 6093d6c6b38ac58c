import type { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import { Timestamped, type Money } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'
import { amountColumn } from './amount_column.js'
import type { DiscountRule } from '../services/discount_amounts.js'

export const DISCOUNT_KINDS = ['percentage', 'fixed'] as const
export type DiscountKind = (typeof DISCOUNT_KINDS)[number]

const nullableAmount = {
  consume: (value: string | number | null) => (value === null ? null : BigInt(value)),
  prepare: (value: bigint | null) => (value === null ? null : value.toString()),
}

/** A store's discount code: a percentage or a fixed amount off the goods */
export default class DiscountCode extends compose(BaseModel, TenantScoped, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  /** As the merchant typed it; matched whatever the letter case */
  @column()
  declare code: string

  @column()
  declare kind: DiscountKind

  /** 1000 is 10 % (percentage codes) */
  @column()
  declare percentageBp: number | null

  /** Minor units of `currency` (fixed codes) */
  @column({ columnName: 'fixed_amount', ...nullableAmount })
  declare fixedAmount: bigint | null

  @column()
  declare currency: string

  @column(amountColumn)
  declare minimumOrderAmount: bigint

  @column.dateTime()
  declare startsAt: DateTime

  @column.dateTime()
  declare endsAt: DateTime | null

  @column()
  declare usageLimit: number | null

  @column()
  declare perCustomerLimit: number | null

  @column()
  declare timesUsed: number

  @column()
  declare active: boolean

  get minimumOrder(): Money {
    return { amount: this.minimumOrderAmount, currency: this.currency }
  }

  get rule(): DiscountRule {
    return this.kind === 'percentage'
      ? { kind: 'percentage', basisPoints: this.percentageBp ?? 0 }
      : { kind: 'fixed', amount: { amount: this.fixedAmount ?? 0n, currency: this.currency } }
  }
}
