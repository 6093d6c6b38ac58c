import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import type { DateTime } from 'luxon'
import { Timestamped } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'
import type { TaskStatus } from '../services/board.js'

export default class Task extends compose(BaseModel, TenantScoped, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare projectId: string

  @column()
  declare title: string

  @column()
  declare description: string

  @column()
  declare status: TaskStatus

  @column()
  declare assigneeUserId: string | null

  @column.date()
  declare dueOn: DateTime | null

  /** Place in its column, 0 at the top */
  @column()
  declare position: number
}
