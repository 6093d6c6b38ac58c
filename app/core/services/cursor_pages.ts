import db from '@adonisjs/lucid/services/db'
import { Invalid } from './errors.js'

/**
 * Cursor pagination for the JSON API: newest first by (created_at, id), so a
 * page stays correct while rows are added. `?limit` (1–100) and `?cursor`
 * (opaque, from the previous page's `nextCursor`).
 *
 *   const page = readCursorPage(ctx.request.qs())
 *   const rows = await afterCursor(Product.query(), page)
 *   return { data: rows.slice(0, page.limit).map(show), nextCursor: nextCursorOf(rows, page) }
 */
export interface CursorPage {
  limit: number
  after: { createdAt: string; id: string } | null
}

export const DEFAULT_CURSOR_LIMIT = 25
export const MAX_CURSOR_LIMIT = 100

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function decodeCursor(cursor: string): CursorPage['after'] {
  const refuse = () =>
    new Invalid(
      'This cursor cannot be read: pass the nextCursor of the previous page as it came, or leave it out to start from the first page.',
      'cursor'
    )
  if (cursor.length > 200) throw refuse()
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw refuse()
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw refuse()
  const [createdAt, id] = decoded
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) throw refuse()
  if (typeof id !== 'string' || !UUID.test(id)) throw refuse()
  return { createdAt, id }
}

export function readCursorPage(qs: Record<string, unknown>): CursorPage {
  let limit = DEFAULT_CURSOR_LIMIT
  if (qs.limit !== undefined) {
    const text = String(qs.limit)
    limit = /^\d{1,3}$/.test(text) ? Number(text) : 0
    if (limit < 1 || limit > MAX_CURSOR_LIMIT) {
      throw new Invalid(`limit must be a whole number from 1 to ${MAX_CURSOR_LIMIT}.`, 'limit')
    }
  }
  const cursor = qs.cursor
  if (cursor === undefined || cursor === '') return { limit, after: null }
  if (typeof cursor !== 'string') throw new Invalid('Pass one cursor.', 'cursor')
  return { limit, after: decodeCursor(cursor) }
}

interface KeysetQuery<Self> {
  select(...columns: unknown[]): Self
  whereRaw(sql: string, bindings: unknown[]): Self
  orderBy(column: string, direction: 'asc' | 'desc'): Self
  limit(count: number): Self
}

/**
 * The key as text to the microsecond: a JavaScript date keeps milliseconds,
 * and rows written in the same millisecond (an import) must not fall between
 * two pages.
 */
const CURSOR_KEY = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_key`

/** One row more than the page, so `nextCursorOf` knows whether another page follows */
export function afterCursor<Query extends KeysetQuery<Query>>(query: Query, page: CursorPage) {
  const keyed = query.select('*', db.raw(CURSOR_KEY))
  const ordered = page.after
    ? keyed.whereRaw('(created_at, id) < (?::timestamptz, ?::uuid)', [
        page.after.createdAt,
        page.after.id,
      ])
    : keyed
  return ordered
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
}

interface KeysetRow {
  id: string
  $extras: Record<string, unknown>
}

export function nextCursorOf(rows: readonly KeysetRow[], page: CursorPage): string | null {
  if (rows.length <= page.limit) return null
  const last = rows[page.limit - 1]
  return Buffer.from(JSON.stringify([last.$extras.cursor_key, last.id])).toString('base64url')
}
