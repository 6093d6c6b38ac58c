import type { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { compose } from '@adonisjs/core/helpers'
import { Timestamped, type Money } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'
import OrderLine from './order_line.js'
import { amountColumn } from './amount_column.js'

export const ORDER_STATUSES = ['pending', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export const PAYMENT_METHODS = ['cash_on_delivery', 'card'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

/**
 * Where an order may go from each status. Pay on delivery: the merchant
 * marks it paid when the cash is in, fulfilled when it has left; an order
 * not yet fulfilled may be cancelled, a paid one refunded.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['fulfilled', 'cancelled', 'refunded'],
  fulfilled: ['refunded'],
  cancelled: [],
  refunded: [],
}

export default class Order extends compose(BaseModel, TenantScoped, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare number: number

  @column()
  declare status: OrderStatus

  @column()
  declare email: string

  @column()
  declare customerName: string

  @column()
  declare phone: string

  @column()
  declare country: string

  @column()
  declare city: string

  @column({ columnName: 'address_line1' })
  declare addressLine1: string

  @column({ columnName: 'address_line2' })
  declare addressLine2: string

  @column()
  declare customerNote: string

  /** The team's own notes, never shown to the shopper */
  @column()
  declare notes: string

  @column()
  declare paymentMethod: PaymentMethod

  /** What the card was charged, in minor units: 3-decimal currencies go in whole tens of fils */
  @column({
    prepare: (value: bigint | null) => (value === null ? null : value.toString()),
    consume: (value: string | number | null) => (value === null ? null : BigInt(value)),
  })
  declare chargedAmount: bigint | null

  /** `chargedAmount` less the total (−5 fils when 12.345 is charged as 12.340) */
  @column({
    prepare: (value: bigint | null) => (value === null ? null : value.toString()),
    consume: (value: string | number | null) => (value === null ? null : BigInt(value)),
  })
  declare chargeRoundingAmount: bigint | null

  /** The Stripe Checkout Session last opened for this order */
  @column()
  declare paymentSessionId: string | null

  /** The language the shopper ordered in */
  @column()
  declare locale: string

  @column()
  declare currency: string

  @column(amountColumn)
  declare subtotalAmount: bigint

  @column(amountColumn)
  declare shippingAmount: bigint

  /** The discount code taken at checkout, as the shopper's order saw it */
  @column()
  declare discountCode: string | null

  /** Taken off the goods by `discountCode` (zero without one) */
  @column(amountColumn)
  declare discountAmount: bigint

  @column(amountColumn)
  declare taxAmount: bigint

  @column(amountColumn)
  declare totalAmount: bigint

  @column()
  declare taxRateBp: number

  @column()
  declare pricesIncludeTax: boolean

  /** Whether the units were put back on the shelf (once, on cancel or refund before fulfilment) */
  @column()
  declare stockReturned: boolean

  @column.dateTime()
  declare placedAt: DateTime

  @column.dateTime()
  declare paidAt: DateTime | null

  @column.dateTime()
  declare fulfilledAt: DateTime | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column.dateTime()
  declare refundedAt: DateTime | null

  @hasMany(() => OrderLine)
  declare lines: HasMany<typeof OrderLine>

  mayBecome(status: OrderStatus) {
    return ORDER_TRANSITIONS[this.status].includes(status)
  }

  get nextStatuses(): readonly OrderStatus[] {
    return ORDER_TRANSITIONS[this.status]
  }

  money(amount: bigint): Money {
    return { amount, currency: this.currency }
  }
}
