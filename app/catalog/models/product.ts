import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { compose } from '@adonisjs/core/helpers'
import { Timestamped } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'
import ProductVariant from './product_variant.js'

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const
export type ProductStatus = (typeof PRODUCT_STATUSES)[number]

export default class Product extends compose(BaseModel, TenantScoped, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare title: string

  @column()
  declare slug: string

  @column()
  declare description: string

  @column()
  declare status: ProductStatus

  @column()
  declare categoryId: string | null

  @column()
  declare tags: string[]

  @column()
  declare trackStock: boolean

  @column({ columnName: 'option1_name' })
  declare option1Name: string | null

  @column({ columnName: 'option2_name' })
  declare option2Name: string | null

  @column({ columnName: 'option3_name' })
  declare option3Name: string | null

  /** ISO 4217; every amount of its variants is in it */
  @column()
  declare currency: string

  @hasMany(() => ProductVariant, { serializeAs: 'variants' })
  declare variants: HasMany<typeof ProductVariant>

  /** The names of its options, in order ([] for a product with one default variant) */
  get optionNames(): string[] {
    return [this.option1Name, this.option2Name, this.option3Name].filter(
      (name): name is string => name !== null
    )
  }
}
