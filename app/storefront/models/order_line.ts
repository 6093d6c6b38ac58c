import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import { TenantScoped } from '#tenancy/mod'
import { amountColumn } from './amount_column.js'

/** One line of an order: the product as it was sold */
export default class OrderLine extends compose(BaseModel, TenantScoped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare orderId: string

  @column()
  declare variantId: string

  @column()
  declare productId: string

  @column()
  declare title: string

  @column()
  declare variantLabel: string

  @column()
  declare sku: string | null

  @column(amountColumn)
  declare unitPriceAmount: bigint

  @column()
  declare quantity: number

  @column(amountColumn)
  declare lineTotalAmount: bigint

  /** Whether placing the order took this line's units off the shelf */
  @column()
  declare stockReserved: boolean

  @column()
  declare position: number
}
