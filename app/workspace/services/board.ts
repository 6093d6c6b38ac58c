/**
 * The board's arithmetic, apart from the database: three columns of task
 * ids, each in order, and what a move does to them. A column's positions
 * are always its indexes, 0..n-1, so a task's place is where it stands in
 * its column's list.
 */

export const TASK_STATUSES = ['todo', 'doing', 'done'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

export type Columns = Record<TaskStatus, string[]>

export interface Placed {
  id: string
  status: TaskStatus
  position: number
}

/** One place up or down in its column, or to the column before or after */
export type Step = 'up' | 'down' | 'previous' | 'next'
export const STEPS = ['up', 'down', 'previous', 'next'] as const

/** A move: a step, or a column and a place in it (the end of it when no place is given) */
export type Move = { step: Step } | { status: TaskStatus; position?: number }

export interface Destination {
  status: TaskStatus
  index: number
}

export function emptyColumns(): Columns {
  return { todo: [], doing: [], done: [] }
}

/** The columns of `tasks`, each by position (ties kept in the order given) */
export function columnsOf(tasks: readonly Placed[]): Columns {
  const columns = emptyColumns()
  const sorted = [...tasks].sort((a, b) => a.position - b.position)
  for (const task of sorted) columns[task.status].push(task.id)
  return columns
}

/** The column before (-1) or after (+1) `status`, or null at either end */
export function neighbourColumn(status: TaskStatus, offset: -1 | 1): TaskStatus | null {
  return TASK_STATUSES[TASK_STATUSES.indexOf(status) + offset] ?? null
}

/** The column a task stands in, and where, or null when it is on none */
export function placeOf(columns: Columns, id: string): Destination | null {
  for (const status of TASK_STATUSES) {
    const index = columns[status].indexOf(id)
    if (index >= 0) return { status, index }
  }
  return null
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value))

/**
 * Where `move` takes task `id`: up and down stay in the column (the top and
 * the bottom do not move), the column before or after keeps the task's
 * place as far as that column reaches, and a given place is clamped to the
 * column (the end of it when none is given). Null when the task is not on
 * the board.
 */
export function destinationOf(columns: Columns, id: string, move: Move): Destination | null {
  const from = placeOf(columns, id)
  if (!from) return null
  if ('step' in move) {
    const last = columns[from.status].length - 1
    if (move.step === 'up') return { status: from.status, index: clamp(from.index - 1, 0, last) }
    if (move.step === 'down') return { status: from.status, index: clamp(from.index + 1, 0, last) }
    const status = neighbourColumn(from.status, move.step === 'previous' ? -1 : 1)
    if (!status) return from
    return { status, index: clamp(from.index, 0, columns[status].length) }
  }
  const size = columns[move.status].length - (move.status === from.status ? 1 : 0)
  return { status: move.status, index: clamp(move.position ?? size, 0, size) }
}

/** The columns with task `id` taken out of its column and put at `to` */
export function moveInColumns(columns: Columns, id: string, to: Destination): Columns {
  const next = withoutTask(columns, id)
  const target = next[to.status]
  target.splice(clamp(to.index, 0, target.length), 0, id)
  return next
}

/** The columns without task `id` (the tasks below it move up one) */
export function withoutTask(columns: Columns, id: string): Columns {
  const next = emptyColumns()
  for (const status of TASK_STATUSES) {
    next[status] = columns[status].filter((other) => other !== id)
  }
  return next
}

/** Every task's place as the columns say: position = index in its column */
export function placesOf(columns: Columns): Placed[] {
  return TASK_STATUSES.flatMap((status) =>
    columns[status].map((id, position) => ({ id, status, position }))
  )
}

/** The places in `after` that differ from `before`: what must be written */
export function changedPlaces(before: readonly Placed[], after: Columns): Placed[] {
  const was = new Map(before.map((task) => [task.id, task]))
  return placesOf(after).filter((place) => {
    const old = was.get(place.id)
    return !old || old.status !== place.status || old.position !== place.position
  })
}
