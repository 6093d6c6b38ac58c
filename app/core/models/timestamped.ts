import type { DateTime } from 'luxon'
import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** `created_at` set once, `updated_at` on every save */
export function Timestamped<Model extends NormalizeConstructor<typeof BaseModel>>(
  superclass: Model
) {
  class TimestampedModel extends superclass {
    @column.dateTime({ autoCreate: true })
    declare createdAt: DateTime

    @column.dateTime({ autoCreate: true, autoUpdate: true })
    declare updatedAt: DateTime
  }
  return TimestampedModel
}
