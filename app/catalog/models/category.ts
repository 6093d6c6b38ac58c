import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import { Timestamped } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'

export default class Category extends compose(BaseModel, TenantScoped, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare parentId: string | null

  @column()
  declare name: string

  @column()
  declare slug: string

  /** Order among its siblings, lowest first */
  @column()
  declare position: number
}
