/**
 * A product's options ("Size: S, M, L") and the variants they make: one per
 * combination of values, in the order the merchant typed them. A product
 * without options has exactly one default variant, whose values are all null.
 */

export const MAX_OPTIONS = 3
export const MAX_VALUES_PER_OPTION = 20
export const MAX_VARIANTS = 100

export interface ProductOption {
  name: string
  values: string[]
}

export type OptionValues = [string | null, string | null, string | null]

/** "S, M ,, L, m" → ['S', 'M', 'L']: trimmed, empties dropped, repeats (any case) once */
export function splitValues(text: string): string[] {
  const seen = new Set<string>()
  const values: string[] = []
  for (const part of text.split(/[,،]/)) {
    const value = part.trim().replace(/\s+/g, ' ')
    const key = value.toLocaleLowerCase()
    if (!value || seen.has(key)) continue
    seen.add(key)
    values.push(value)
  }
  return values
}

/** Options with neither a name nor values are left out; the rest keep their order */
export function normalizeOptions(
  options: { name?: string | null; values?: string | string[] | null }[]
): ProductOption[] {
  return options
    .map((option) => ({
      name: (option.name ?? '').trim().replace(/\s+/g, ' '),
      values: Array.isArray(option.values)
        ? splitValues(option.values.join(','))
        : splitValues(option.values ?? ''),
    }))
    .filter((option) => option.name !== '' || option.values.length > 0)
}

export type OptionProblem =
  | { code: 'too_many_options'; max: number }
  | { code: 'option_without_name'; index: number }
  | { code: 'option_without_values'; index: number; name: string }
  | { code: 'duplicate_option_name'; name: string }
  | { code: 'too_many_values'; name: string; max: number }
  | { code: 'too_many_variants'; count: number; max: number }

/** What is wrong with a set of options, or null when they can make variants */
export function optionProblem(options: ProductOption[]): OptionProblem | null {
  if (options.length > MAX_OPTIONS) return { code: 'too_many_options', max: MAX_OPTIONS }
  const names = new Set<string>()
  for (const [index, option] of options.entries()) {
    if (!option.name) return { code: 'option_without_name', index: index + 1 }
    if (!option.values.length) {
      return { code: 'option_without_values', index: index + 1, name: option.name }
    }
    const key = option.name.toLocaleLowerCase()
    if (names.has(key)) return { code: 'duplicate_option_name', name: option.name }
    names.add(key)
    if (option.values.length > MAX_VALUES_PER_OPTION) {
      return { code: 'too_many_values', name: option.name, max: MAX_VALUES_PER_OPTION }
    }
  }
  const count = options.reduce((total, option) => total * option.values.length, 1)
  if (count > MAX_VARIANTS) return { code: 'too_many_variants', count, max: MAX_VARIANTS }
  return null
}

/**
 * Every combination of the options' values, the first option varying
 * slowest (S/Red, S/Blue, M/Red …), padded with nulls to three values.
 * No options: one combination of nulls, the default variant.
 */
export function variantCombinations(options: ProductOption[]): OptionValues[] {
  let combinations: (string | null)[][] = [[]]
  for (const option of options.slice(0, MAX_OPTIONS)) {
    combinations = combinations.flatMap((prefix) =>
      option.values.map((value) => [...prefix, value])
    )
  }
  return combinations.map(
    (values) => [values[0] ?? null, values[1] ?? null, values[2] ?? null] as OptionValues
  )
}

/** The SKU of a generated variant: the base SKU and its values ("TEE-M-RED") */
export function variantSku(baseSku: string | null, values: OptionValues): string | null {
  if (!baseSku) return null
  const suffix = values
    .filter((value): value is string => value !== null)
    .map((value) =>
      value
        .normalize('NFKD')
        .replace(/[^\p{L}\p{N}]+/gu, '')
        .toUpperCase()
    )
    .filter(Boolean)
  return [baseSku, ...suffix].join('-').slice(0, 64)
}
