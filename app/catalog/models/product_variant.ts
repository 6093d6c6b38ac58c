import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { compose } from '@adonisjs/core/helpers'
import { Timestamped } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'
import Product from './product.js'

/** bigint columns arrive from pg as strings; amounts stay exact as bigint */
const amount = {
  consume: (value: string | number | null) => (value === null ? null : BigInt(value)),
  prepare: (value: bigint | null) => (value === null ? null : value.toString()),
}

export default class ProductVariant extends compose(BaseModel, TenantScoped, Timestamped) {
  static table = 'product_variants'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare productId: string

  @column({ columnName: 'option1' })
  declare option1: string | null

  @column({ columnName: 'option2' })
  declare option2: string | null

  @column({ columnName: 'option3' })
  declare option3: string | null

  @column()
  declare sku: string | null

  /** Minor units of the product's currency */
  @column(amount)
  declare priceAmount: bigint

  @column(amount)
  declare compareAtAmount: bigint | null

  @column(amount)
  declare costAmount: bigint | null

  @column()
  declare stock: number

  @column()
  declare position: number

  @belongsTo(() => Product)
  declare product: BelongsTo<typeof Product>

  /** "M / Red", or '' for a product's default variant */
  get label(): string {
    return [this.option1, this.option2, this.option3].filter(Boolean).join(' / ')
  }
}
