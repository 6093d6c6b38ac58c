/**
 * What a plan allows. A null limit is unlimited; a missing key reads as
 * unlimited too, so a plan written before a new limit existed keeps working.
 */
export const LIMIT_KEYS = ['projects', 'tasks', 'members', 'products', 'aiTokensPerMonth'] as const

export type LimitKey = (typeof LIMIT_KEYS)[number]
export type PlanLimits = Record<LimitKey, number | null>

export const UNLIMITED: PlanLimits = {
  projects: null,
  tasks: null,
  members: null,
  products: null,
  aiTokensPerMonth: null,
}

export class LimitInputError extends Error {}

const UNLIMITED_WORDS = new Set(['unlimited', 'none', 'null'])

/**
 * Limits as an operator types them: `projects=3`, `tasks=unlimited`. Keys
 * not given keep their value in `base`.
 */
export function parseLimits(entries: string[], base: PlanLimits = UNLIMITED): PlanLimits {
  const limits = { ...base }
  for (const entry of entries) {
    const match = /^\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(entry)
    if (!match) throw new LimitInputError(`"${entry}" is not key=value (e.g. projects=3)`)
    const [, key, value] = match
    if (!(LIMIT_KEYS as readonly string[]).includes(key)) {
      throw new LimitInputError(`Unknown limit "${key}". Known: ${LIMIT_KEYS.join(', ')}`)
    }
    if (UNLIMITED_WORDS.has(value.toLowerCase())) {
      limits[key as LimitKey] = null
    } else if (/^\d{1,12}$/.test(value)) {
      limits[key as LimitKey] = Number(value)
    } else {
      throw new LimitInputError(
        `Limit ${key} takes a whole number of 0 or more, or "unlimited" (got "${value}")`
      )
    }
  }
  return limits
}

/** The limits as stored, with every key present */
export function normalizeLimits(stored: Partial<Record<string, unknown>> | null): PlanLimits {
  const limits = { ...UNLIMITED }
  for (const key of LIMIT_KEYS) {
    const value = stored?.[key]
    limits[key] = typeof value === 'number' ? value : null
  }
  return limits
}

/** Whether `existing` rows plus `adding` more stay within `limit` (null: unlimited) */
export function withinLimit(limit: number | null, existing: number, adding: number): boolean {
  return limit === null || existing + adding <= limit
}
