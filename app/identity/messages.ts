import { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'

/**
 * A message for a person, in the language of the request being served (the
 * default language in jobs and commands). Operations use it for the
 * messages of the errors they raise; they never receive the request itself.
 */
export function say(key: string, data?: Record<string, unknown>) {
  const i18n = HttpContext.get()?.i18n ?? i18nManager.locale(i18nManager.defaultLocale)
  return i18n.t(key, data)
}
