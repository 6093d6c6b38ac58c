import StoreSetting from '../models/store_setting.js'

export interface StoreSettings {
  theme: string
  accentColor: string
  tagline: string
  highlights: string[]
}

/**
 * The current store's look and words, as plain values for other modules'
 * pages.
 */
export async function currentStoreSettings(): Promise<StoreSettings> {
  const settings = await StoreSetting.query().firstOrFail()
  return {
    theme: settings.theme,
    accentColor: settings.accentColor,
    tagline: settings.tagline,
    highlights: settings.highlights,
  }
}
