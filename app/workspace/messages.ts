import { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'

/**
 * A message for a person, in the language of the request being served (the
 * default language in jobs and commands): what the workspace's operations
 * put in the errors they raise.
 */
export function say(key: string, data?: Record<string, unknown>, fallback?: string) {
  const i18n = HttpContext.get()?.i18n ?? i18nManager.locale(i18nManager.defaultLocale)
  return i18n.t(`workspace.${key}`, data, fallback)
}
