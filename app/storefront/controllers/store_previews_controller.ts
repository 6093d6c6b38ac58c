import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { applyLocale, keepOutOfCaches, storePathOnPlatform, storePathUnder } from '#core/mod'
import { currentTenant, storeLogo, storePreviewValidator } from '#tenancy/mod'
import { featuredProducts } from '#catalog/mod'
import { pageMeta } from '../services/seo.js'
import { shopChrome } from './concerns/shop_page.js'

const FEATURED = 8

/**
 * The settings page's overrides that pass its own rules: a value that does
 * not (a name cut to one letter while typing, an accent from outside the
 * palette) is left out, so the preview shows the saved one instead of an error.
 */
async function overridesOf(ctx: HttpContext) {
  const asked: Record<string, unknown> = { ...ctx.request.qs() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await storePreviewValidator.validate(asked)
    } catch (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      for (const { field } of error.messages as { field: string }[]) delete asked[field]
    }
  }
  return {}
}

/**
 * The store's home page as the settings form would make it, before saving:
 * the real storefront view with the form's name, tagline, theme, accent and
 * language. Rendered for the member's own store on each request, never
 * kept (neither in the shop's page cache nor by the browser), and framed by
 * the dashboard only: this route alone may be framed, by its own origin.
 */
export default class StorePreviewsController {
  async show(ctx: HttpContext) {
    const overrides = await overridesOf(ctx)
    const saved = currentTenant()
    const store = { ...saved, name: overrides.storeName ?? saved.name }
    const basePath = storePathOnPlatform(store.slug)
    const locale = overrides.defaultLocale ?? saved.defaultLocale
    // The previewed language, even over the member's own choice of language for the dashboard
    applyLocale(ctx, locale)
    ctx.storeMount = { store, basePath }
    ctx.view.share({
      store,
      storePath: (path = '/') => storePathUnder(basePath, path),
      storeLogo,
      storePreview: true,
    })

    const chrome = await shopChrome(ctx)
    const settings = {
      ...chrome.settings,
      theme: overrides.theme ?? chrome.settings.theme,
      accentColor: overrides.accentColor ?? chrome.settings.accentColor,
      tagline:
        overrides.tagline === undefined ? chrome.settings.tagline : (overrides.tagline ?? ''),
    }
    // No visitor's cart here: the link says "Cart" itself rather than through the kept page's mark
    const navigation = chrome.navigation.map(({ mark: _mark, ...link }) => link)
    const featured = await featuredProducts(FEATURED)
    const meta = pageMeta({
      store,
      path: '/',
      title: store.name,
      description: ctx.i18n.t('storefront.description', { store: store.name }),
      locale,
    })
    const html = await ctx.view.render('storefront/home', {
      ...chrome,
      settings,
      navigation,
      featured,
      meta,
    })

    keepOutOfCaches(ctx.response)
    ctx.response.header('X-Frame-Options', 'SAMEORIGIN')
    const policy = ctx.response.getHeader('content-security-policy')
    if (typeof policy === 'string') {
      ctx.response.header(
        'Content-Security-Policy',
        policy.replace(/frame-ancestors [^;]*/, `frame-ancestors 'self'`)
      )
    }
    return html
  }
}
