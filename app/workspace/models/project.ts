import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import type { DateTime } from 'luxon'
import { Timestamped } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'

/** The colours a project's page may take (the stylesheet's accents) */
export const PROJECT_COLORS = ['blue', 'green', 'plum'] as const
export type ProjectColor = (typeof PROJECT_COLORS)[number]

export default class Project extends compose(BaseModel, TenantScoped, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare name: string

  @column()
  declare description: string

  @column()
  declare color: ProjectColor

  /** Set while the project is archived: its board is read-only and off the active list */
  @column.dateTime()
  declare archivedAt: DateTime | null

  @column()
  declare createdBy: string | null

  get isArchived() {
    return this.archivedAt !== null
  }
}
