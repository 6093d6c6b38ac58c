import type { FormState } from '#core/mod'

/** What a field shows: what was sent after a refused save, otherwise `saved` */
export function fieldValues(form: FormState, saved: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(saved).map(([name, value]) => [
      name,
      name in form.old ? (form.old[name] ?? '') : value,
    ])
  )
}
