/**
 * What happens to a store, for any module to react to. Payloads are plain
 * values; listeners run inside the store's unit of work, so what they write
 * commits or rolls back with the change.
 */
export interface StoreEvent {
  tenantId: string
  slug: string
  name: string
}

/** The settings a merchant sets on the store settings page */
export interface StoreSettingsValues {
  storeName: string
  defaultCurrency: string
  defaultLocale: string
  tagline: string
  /** The storefront blueprint (`STORE_THEMES`) and the accent from the palette */
  theme: string
  accentColor: string
  /** The content hash the logo's files are named by; null for no logo */
  logo: string | null
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'store:created': StoreEvent & { ownerUserId: string; blueprint: string }
    'store:suspended': StoreEvent
    'store:resumed': StoreEvent
    'store:deleted': StoreEvent
    /** The merchant saved the settings page; `changed` names the fields that differ from before */
    'store:settings_updated': StoreEvent & {
      actorUserId: string | null
      values: StoreSettingsValues
      changed: (keyof StoreSettingsValues)[]
    }
  }
}
