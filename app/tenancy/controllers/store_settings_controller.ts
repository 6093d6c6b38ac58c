import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, SUPPORTED_CURRENCIES, submitForm, wantsJson, type FormState } from '#core/mod'
import UpdateStoreSettings from '../operations/update_store_settings.js'
import { currentTenant } from '../services/tenant_context.js'
import { currentStoreSettings } from '../services/store_settings.js'
import { STORE_LOCALES, storeSettingsValidator } from '../validators/store_settings_validator.js'
import { ACCENT_PALETTE, STORE_THEMES } from '../services/store_look.js'
import { LOGO_TYPES, MAX_LOGO_BYTES } from '../services/store_logo.js'

/** Each supported currency as "KWD · Kuwaiti dinar", named in the viewer's language */
function currencyOptions(locale: string) {
  let names: Intl.DisplayNames | null = null
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'currency' })
  } catch {}
  return SUPPORTED_CURRENCIES.map((code) => {
    const name = names?.of(code)
    return { value: code, label: name && name !== code ? `${code} · ${name}` : code }
  })
}

/** Each language in its own words, so a merchant finds theirs whatever the page speaks */
const LOCALE_NAMES: Record<(typeof STORE_LOCALES)[number], string> = {
  en: 'English',
  ar: 'العربية',
}

/**
 * The settings page: the store's details and look, its logo, and the
 * preview of its home page beside them (the storefront's preview route,
 * fed the form's unsaved values).
 */
export async function renderSettingsPage(ctx: HttpContext, form: FormState) {
  const store = currentTenant()
  const settings = await currentStoreSettings()
  const saved: Record<string, string> = {
    storeName: store.name,
    defaultCurrency: store.defaultCurrency,
    defaultLocale: store.defaultLocale,
    tagline: settings.tagline,
    theme: settings.theme,
    accentColor: settings.accentColor,
  }
  // After a refused save the fields show what was sent, an emptied one empty
  const values = Object.fromEntries(
    Object.entries(saved).map(([name, value]) => [
      name,
      name in form.old ? (form.old[name] ?? '') : value,
    ])
  )
  const t = (key: string) => ctx.i18n.t(key)
  return ctx.view.render('tenancy/settings', {
    form,
    values,
    currencies: currencyOptions(ctx.i18n.locale),
    locales: STORE_LOCALES.map((code) => ({ value: code, label: LOCALE_NAMES[code] })),
    themes: STORE_THEMES.map((name) => ({
      value: name,
      label: t(`dashboard.settings.themes.${name}.label`),
      description: t(`dashboard.settings.themes.${name}.description`),
    })),
    accents: ACCENT_PALETTE.map((accent) => ({
      value: accent.color,
      name: accent.name,
      label: t(`dashboard.settings.accents.${accent.name}`),
    })),
    logo: settings.logoUrl ? { url: settings.logoUrl, srcset: settings.logoSrcset } : null,
    logoTypes: LOGO_TYPES.join(','),
    logoMaxMb: MAX_LOGO_BYTES / 2 ** 20,
  })
}

export default class StoreSettingsController {
  #render(ctx: HttpContext, form: FormState) {
    return renderSettingsPage(ctx, form)
  }

  async edit(ctx: HttpContext) {
    return this.#render(ctx, EMPTY_FORM)
  }

  async update(ctx: HttpContext) {
    const store = await submitForm(ctx, {
      validator: storeSettingsValidator,
      render: (form) => this.#render(ctx, form),
      action: (input) =>
        new UpdateStoreSettings().handle({
          actorUserId: ctx.auth.user?.id ?? null,
          storeName: input.storeName,
          defaultCurrency: input.defaultCurrency,
          defaultLocale: input.defaultLocale,
          tagline: input.tagline ?? '',
          theme: input.theme,
          accentColor: input.accentColor,
        }),
    })
    if (wantsJson(ctx)) {
      // Read after the save committed: the kept copy was dropped with it
      const look = await currentStoreSettings()
      return {
        store: {
          name: store.name,
          defaultCurrency: store.defaultCurrency,
          defaultLocale: store.defaultLocale,
          tagline: look.tagline,
          theme: look.theme,
          accentColor: look.accentColor,
          logoUrl: look.logoUrl,
        },
      }
    }
    ctx.session.flash('notice', ctx.i18n.t('dashboard.settings.saved'))
    return ctx.response.redirect().toRoute('store_settings.edit')
  }
}
