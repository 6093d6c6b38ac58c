import vine from '@vinejs/vine'
import { SUPPORTED_CURRENCIES } from '#core/mod'
import { newTenantRules } from '../services/tenant_lifecycle.js'

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
  })
)
