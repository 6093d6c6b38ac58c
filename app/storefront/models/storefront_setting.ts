import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import { Timestamped } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'
import { amountColumn } from './amount_column.js'

/** A store's checkout: one flat shipping rate and one tax rate */
export default class StorefrontSetting extends compose(BaseModel, TenantScoped, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  /** Minor units of `shippingCurrency` (the store's currency when null) */
  @column(amountColumn)
  declare shippingAmount: bigint

  @column()
  declare shippingCurrency: string | null

  /** 500 is 5 % */
  @column()
  declare taxRateBp: number

  /** Gulf stores enter and show prices with VAT in them */
  @column()
  declare pricesIncludeTax: boolean
}
