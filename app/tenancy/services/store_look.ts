/** The storefront blueprints a store can wear: a `theme-<name>` class on the shop's <body> */
export const STORE_THEMES = ['classic', 'boutique', 'souq'] as const
export type StoreTheme = (typeof STORE_THEMES)[number]

/**
 * The accents a store may pick, each an `accent-<name>` class in app.css
 * (the CSP allows no inline style). Every colour carries white text at
 * 4.5:1 or more and reads as a link on white and on its soft tint, so no
 * pick can make a shop fail WCAG AA; tests/unit checks the ratios.
 */
export const ACCENT_PALETTE = [
  { name: 'blue', color: '#1f5f8b', soft: '#eef6fc' },
  { name: 'plum', color: '#8a2f5b', soft: '#fbf0f5' },
  { name: 'green', color: '#0f6b4f', soft: '#edf7f2' },
  { name: 'terracotta', color: '#a3402a', soft: '#fcf1ed' },
  { name: 'indigo', color: '#4b3fb0', soft: '#f2f1fc' },
  { name: 'teal', color: '#0b6370', soft: '#ebf6f7' },
  { name: 'crimson', color: '#a8243a', soft: '#fcedef' },
  { name: 'ochre', color: '#84540a', soft: '#fbf4e8' },
] as const

export const ACCENT_COLORS: string[] = ACCENT_PALETTE.map((accent) => accent.color)

/** The palette's name for a stored colour (its class suffix), or null for one outside it */
export function accentNameOf(color: string | null | undefined): string | null {
  const wanted = String(color ?? '').toLowerCase()
  return ACCENT_PALETTE.find((accent) => accent.color === wanted)?.name ?? null
}
