export interface Blueprint {
  theme: string
  accentColor: string
  currency: string
  locale: string
  highlights: string[]
}

/**
 * A new store starts from a blueprint: its theme and the starter content of
 * its storefront. Text keys are translated when the page renders.
 */
export const BLUEPRINTS: Record<string, Blueprint> = {
  classic: {
    theme: 'classic',
    accentColor: '#1f5f8b',
    currency: 'USD',
    locale: 'en',
    highlights: [
      'storefront.highlights.shipping',
      'storefront.highlights.returns',
      'storefront.highlights.support',
    ],
  },
  boutique: {
    theme: 'boutique',
    accentColor: '#8a2f5b',
    currency: 'EUR',
    locale: 'en',
    highlights: ['storefront.highlights.handmade', 'storefront.highlights.returns'],
  },
  souq: {
    theme: 'souq',
    accentColor: '#0f6b4f',
    currency: 'KWD',
    locale: 'ar',
    highlights: [
      'storefront.highlights.shipping',
      'storefront.highlights.cod',
      'storefront.highlights.support',
    ],
  },
}

export const BLUEPRINT_NAMES = Object.keys(BLUEPRINTS)
export const DEFAULT_BLUEPRINT = 'classic'
