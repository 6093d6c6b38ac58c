/**
 * The query string of a list page (`?sort=email&dir=desc&page=2&perPage=50&role=admin`),
 * read against an allow-list: a value that is not allowed falls back to its
 * default, so a hand-edited or hostile URL never fails and never reaches SQL
 * as anything but one of the allowed names.
 *
 *   const list = parseListQuery(ctx.request.qs(), {
 *     sorts: ['name', 'email', 'role'],
 *     defaultSort: 'name',
 *     filters: { role: ROLES, q: { maxLength: 100 } },
 *   })
 *   const total = await countRows(list.filters)
 *   const page = paginate(list, total)   // clamps the page to the last one
 *   rows.offset(page.offset).limit(page.perPage)
 */

export type SortDirection = 'asc' | 'desc'

/** A filter is one of a list of values, or free text up to a length */
export type FilterRule = readonly string[] | { maxLength: number }

export interface ListQueryOptions<Sort extends string, Filters extends string> {
  sorts: readonly Sort[]
  defaultSort: Sort
  defaultDir?: SortDirection
  /** Rows per page when none (or a bad value) is asked for; 20 unless said */
  perPage?: number
  /** The page sizes a person may choose; the default is always allowed */
  perPageOptions?: readonly number[]
  filters?: Record<Filters, FilterRule>
}

export interface ListQuery<Sort extends string = string, Filters extends string = string> {
  sort: Sort
  dir: SortDirection
  page: number
  perPage: number
  /** Only the filters that were given and allowed */
  filters: Partial<Record<Filters, string>>
}

export interface Pagination {
  page: number
  perPage: number
  total: number
  lastPage: number
  /** 1-based position of the first and last row shown (0 and 0 when there are none) */
  from: number
  to: number
  offset: number
  previousPage: number | null
  nextPage: number | null
}

export const DEFAULT_PER_PAGE = 20
export const PER_PAGE_OPTIONS = [10, 20, 50, 100] as const
/** Pages past this are not a real list: the page number falls back to 1 */
const MAX_PAGE = 1_000_000

/** The first value of a query parameter given once or several times, as a string */
function single(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : null
}

/** A whole number written in plain digits (no sign, exponent or spaces), else null */
function positiveInteger(value: unknown): number | null {
  const text = single(value)
  if (text === null || !/^\d{1,9}$/.test(text)) return null
  const number = Number(text)
  return number >= 1 ? number : null
}

export function parseListQuery<Sort extends string, Filters extends string = never>(
  qs: Record<string, unknown>,
  options: ListQueryOptions<Sort, Filters>
): ListQuery<Sort, Filters> {
  const sortAsked = single(qs.sort)
  const sort =
    sortAsked !== null && (options.sorts as readonly string[]).includes(sortAsked)
      ? (sortAsked as Sort)
      : options.defaultSort
  const dirAsked = single(qs.dir)
  const dir: SortDirection =
    dirAsked === 'asc' || dirAsked === 'desc' ? dirAsked : (options.defaultDir ?? 'asc')

  const defaultPerPage = options.perPage ?? DEFAULT_PER_PAGE
  const allowedSizes = new Set<number>([
    ...(options.perPageOptions ?? PER_PAGE_OPTIONS),
    defaultPerPage,
  ])
  const perPageAsked = positiveInteger(qs.perPage)
  const perPage =
    perPageAsked !== null && allowedSizes.has(perPageAsked) ? perPageAsked : defaultPerPage

  const pageAsked = positiveInteger(qs.page)
  const page = pageAsked !== null && pageAsked <= MAX_PAGE ? pageAsked : 1

  const filters: Partial<Record<Filters, string>> = {}
  const rules = (options.filters ?? {}) as Record<Filters, FilterRule>
  for (const name of Object.keys(rules) as Filters[]) {
    const rule = rules[name]
    const value = single(qs[name])
    if (value === null) continue
    if (Array.isArray(rule)) {
      if ((rule as readonly string[]).includes(value)) filters[name] = value
    } else {
      const text = value.trim()
      const maxLength = (rule as { maxLength: number }).maxLength
      if (text && [...text].length <= maxLength) filters[name] = text
    }
  }
  return { sort, dir, page, perPage, filters }
}

/**
 * Where the page is in `total` rows: the page asked for, moved back to the
 * last page when it is past the end (page 7 of 3 shows page 3).
 */
export function paginate(query: Pick<ListQuery, 'page' | 'perPage'>, total: number): Pagination {
  const perPage = Math.max(1, Math.floor(query.perPage))
  const count = Math.max(0, Math.floor(total))
  const lastPage = Math.max(1, Math.ceil(count / perPage))
  const page = Math.min(Math.max(1, Math.floor(query.page)), lastPage)
  const offset = (page - 1) * perPage
  return {
    page,
    perPage,
    total: count,
    lastPage,
    from: count === 0 ? 0 : offset + 1,
    to: Math.min(offset + perPage, count),
    offset,
    previousPage: page > 1 ? page - 1 : null,
    nextPage: page < lastPage ? page + 1 : null,
  }
}

/**
 * The list's state as query parameters, defaults left out so links stay short:
 * what the data table component keeps in its sort, filter and page links.
 */
export function listParams(
  query: ListQuery,
  defaults: { sort: string; dir?: SortDirection; perPage?: number }
): Record<string, string> {
  const params: Record<string, string> = {}
  for (const [name, value] of Object.entries(query.filters)) {
    if (typeof value === 'string' && value !== '') params[name] = value
  }
  if (query.sort !== defaults.sort || query.dir !== (defaults.dir ?? 'asc')) {
    params.sort = query.sort
    params.dir = query.dir
  }
  if (query.perPage !== (defaults.perPage ?? DEFAULT_PER_PAGE)) {
    params.perPage = String(query.perPage)
  }
  if (query.page > 1) params.page = String(query.page)
  return params
}

/** `path?…` with `params` changed by `changes` (a null or empty value drops the parameter) */
export function listHref(
  path: string,
  params: Record<string, string>,
  changes: Record<string, string | number | null> = {}
) {
  const search = new URLSearchParams()
  const merged: Record<string, string | number | null> = { ...params, ...changes }
  for (const [name, value] of Object.entries(merged)) {
    if (value !== null && value !== '') search.set(name, String(value))
  }
  const text = search.toString()
  return text ? `${path}?${text}` : path
}
