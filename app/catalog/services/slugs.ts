/** Longest slug a product or category takes */
export const MAX_SLUG_LENGTH = 120

/**
 * A URL-safe slug from a title: lowercase letters and digits (Arabic and
 * other scripts kept as they are), words joined by hyphens. '' when the
 * title has no letters or digits at all.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/g, '')
}
