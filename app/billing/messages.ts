import { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'

/** A billing message for a person, in the language of the request being served */
export function say(key: string, data?: Record<string, unknown>) {
  const i18n = HttpContext.get()?.i18n ?? i18nManager.locale(i18nManager.defaultLocale)
  return i18n.t(`billing.${key}`, data)
}
