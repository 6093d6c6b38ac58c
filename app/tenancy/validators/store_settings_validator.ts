import vine from '@vinejs/vine'
import { SUPPORTED_CURRENCIES } from '#core/mod'
import { newTenantRules } from '../services/tenant_lifecycle.js'
import { ACCENT_COLORS, STORE_THEMES } from '../services/store_look.js'

/** The languages a store's storefront and mails can speak */
export const STORE_LOCALES = ['en', 'ar'] as const

/** The store settings page: every field is sent on each save */
export const storeSettingsValidator = vine.compile(
  vine.object({
    storeName: newTenantRules.name,
    defaultCurrency: vine.string().trim().toUpperCase().in(SUPPORTED_CURRENCIES),
    defaultLocale: vine.enum(STORE_LOCALES),
    // An empty field arrives as null (the body parser); no tagline is ''
    tagline: vine.string().trim().maxLength(200).nullable().optional(),
    // Absent from an older form or the JSON API: the saved look stays
    theme: vine.enum(STORE_THEMES).optional(),
    accentColor: vine.string().trim().toLowerCase().in(ACCENT_COLORS).optional(),
  })
)

/**
 * The preview's overrides: each as the settings page would send it, and
 * each optional, an absent one showing what is saved.
 */
export const storePreviewValidator = vine.compile(
  vine.object({
    storeName: newTenantRules.name.optional(),
    defaultLocale: vine.enum(STORE_LOCALES).optional(),
    tagline: vine.string().trim().maxLength(200).nullable().optional(),
    theme: vine.enum(STORE_THEMES).optional(),
    accentColor: vine.string().trim().toLowerCase().in(ACCENT_COLORS).optional(),
  })
)
