import { DateTime } from 'luxon'

let frozenAt: DateTime | null = null

/**
 * The one source of "now". Tests move time with `travelTo` instead of
 * sleeping through expiry windows.
 */
export const clock = {
  now(): DateTime {
    return frozenAt ?? DateTime.utc()
  },
  travelTo(moment: DateTime | null) {
    frozenAt = moment
  },
}
