import vine from '@vinejs/vine'
import { PROJECT_COLORS } from '../models/project.js'
import { STEPS, TASK_STATUSES } from '../services/board.js'

const text = (max: number) => vine.string().trim().maxLength(max)

/** The project form, on create and edit; empty fields arrive as null (the body parser) */
export const projectValidator = vine.compile(
  vine.object({
    name: text(120).minLength(1),
    description: text(5000).nullable().optional(),
    color: vine.enum(PROJECT_COLORS),
  })
)

/** The task form, on create and edit; the operation checks the assignee and the date */
export const taskValidator = vine.compile(
  vine.object({
    title: text(200).minLength(1),
    description: text(10_000).nullable().optional(),
    status: vine.enum(TASK_STATUSES).optional(),
    assigneeUserId: vine.string().uuid().nullable().optional(),
    dueOn: text(10).nullable().optional(),
  })
)

/** A task's move: one step (up, down, previous or next column), or a column and a place */
export const taskPositionValidator = vine.compile(
  vine.object({
    direction: vine.enum(STEPS).optional(),
    status: vine.enum(TASK_STATUSES).optional(),
    position: vine.number().withoutDecimals().min(0).max(10_000).optional(),
  })
)

/** What the JSON API's project update adds to the form: archiving or restoring it */
export const projectArchivalValidator = vine.compile(
  vine.object({ archived: vine.boolean({ strict: true }).optional() })
)
