import { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'

/**
 * A message for a shopper or a merchant, in the language of the request
 * being served (the store's default language in jobs): what the cart,
 * checkout and orders put in the errors they raise.
 */
export function say(key: string, data?: Record<string, unknown>, fallback?: string) {
  const i18n = HttpContext.get()?.i18n ?? i18nManager.locale(i18nManager.defaultLocale)
  return i18n.t(`orders.${key}`, data, fallback)
}
