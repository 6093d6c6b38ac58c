import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { shareWithTemplates } from '../services/templates.js'
import type { NextFn } from '@adonisjs/core/types/http'

const RIGHT_TO_LEFT = new Set(['ar'])

/** Renders the rest of the request in `locale`: its translations, and the page's language and direction */
export function applyLocale(ctx: HttpContext, locale: string) {
  ctx.i18n = i18nManager.locale(locale)
  ctx.containerResolver.bindValue(I18n, ctx.i18n)
  shareWithTemplates(ctx, {
    i18n: ctx.i18n,
    locale,
    dir: RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr',
  })
}

/**
 * Picks the language: `?lang=` (remembered in a cookie), then the cookie,
 * then the browser's preference. Storefronts fall back to the store's own
 * language through `ctx.switchLocale` when the shopper chose none.
 */
export default class LocaleMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const requested = ctx.request.qs().lang
    const chosen =
      typeof requested === 'string' && i18nManager.supportedLocales().includes(requested)
        ? requested
        : null
    if (chosen) {
      ctx.response.plainCookie('locale', chosen, { maxAge: '1y', httpOnly: true, sameSite: 'lax' })
    }
    const remembered = ctx.request.plainCookie('locale')
    const explicit =
      chosen ?? (i18nManager.supportedLocales().includes(remembered) ? remembered : null)

    const apply = (locale: string) => applyLocale(ctx, locale)
    apply(
      explicit ??
        i18nManager.getSupportedLocaleFor(ctx.request.languages()) ??
        i18nManager.defaultLocale
    )
    ctx.switchLocale = explicit ? () => {} : apply

    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
    /** Changes the language unless the viewer chose one (then it does nothing). */
    switchLocale: (locale: string) => void
  }
}
