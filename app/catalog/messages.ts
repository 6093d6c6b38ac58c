import { AsyncLocalStorage } from 'node:async_hooks'
import { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'

const jobLocale = new AsyncLocalStorage<string>()

/**
 * A message for a person, in the language of the request being served, or
 * of the member a job works for (`inLocale`), else the default language:
 * what the catalog's operations put in the errors they raise.
 */
export function say(key: string, data?: Record<string, unknown>, fallback?: string) {
  const i18n =
    HttpContext.get()?.i18n ?? i18nManager.locale(jobLocale.getStore() ?? i18nManager.defaultLocale)
  return i18n.t(`catalog.${key}`, data, fallback)
}

/** Runs a job's work so that `say` speaks the language of the member who started it */
export function inLocale<T>(locale: string, work: () => Promise<T>): Promise<T> {
  const supported = i18nManager.supportedLocales().includes(locale)
  return jobLocale.run(supported ? locale : i18nManager.defaultLocale, work)
}
