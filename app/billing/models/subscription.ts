import type { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { Timestamped } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'
import Plan from './plan.js'
import type { SubscriptionStatus } from '../services/subscription_state.js'

/** A store's one subscription: its plan and where Stripe says it stands */
export default class Subscription extends compose(BaseModel, TenantScoped, Timestamped) {
  @column({ isPrimary: true })
  declare tenantId: string

  @column()
  declare planId: string

  @belongsTo(() => Plan)
  declare plan: BelongsTo<typeof Plan>

  @column()
  declare status: SubscriptionStatus

  @column()
  declare stripeCustomerId: string | null

  @column()
  declare stripeSubscriptionId: string | null

  @column.dateTime()
  declare currentPeriodStart: DateTime | null

  @column.dateTime()
  declare currentPeriodEnd: DateTime | null

  @column()
  declare cancelAtPeriodEnd: boolean

  @column.dateTime()
  declare trialEndsAt: DateTime | null

  /** Stripe's `created` of the last event applied: older ones are not applied */
  @column.dateTime()
  declare lastEventCreatedAt: DateTime | null
}
