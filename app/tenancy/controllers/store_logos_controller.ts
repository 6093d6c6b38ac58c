import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { Invalid, NotFound, TooLarge, wantsJson } from '#core/mod'
import UpdateStoreLogo from '../operations/update_store_logo.js'
import { currentTenant } from '../services/tenant_context.js'
import { currentStoreSettings } from '../services/store_settings.js'
import {
  LOGO_FILE_NAME,
  LogoNotAnImage,
  LogoTooLarge,
  MAX_LOGO_BYTES,
  logoKey,
  readLogoPart,
  writeLogoFiles,
} from '../services/store_logo.js'
import { renderSettingsPage } from './store_settings_controller.js'

/**
 * The file part `logo`, read as it arrives (the body parser leaves this
 * route's multipart body alone) and never past the size limit.
 */
async function uploadedLogo(ctx: HttpContext): Promise<Buffer | null> {
  if (!ctx.request.is(['multipart'])) return null
  let bytes: Buffer | null = null
  let failure: unknown = null
  ctx.request.multipart.onFile('logo', {}, async (part) => {
    if (bytes || failure) return void part.resume()
    try {
      const read = await readLogoPart(part)
      if (read.length) bytes = read
    } catch (error) {
      failure = error
    }
  })
  await ctx.request.multipart.process()
  if (failure) throw failure
  return bytes
}

/**
 * The store's logo on the settings page: put up from an upload, taken
 * down, and its generated files served. Those are named by their content,
 * so browsers and CDNs may keep them for a year without asking again.
 */
export default class StoreLogosController {
  async store(ctx: HttpContext) {
    const { i18n } = ctx
    let refusal: { message: string; status: number } | null = null
    let hash: string | null = null
    try {
      const bytes = await uploadedLogo(ctx)
      if (!bytes) refusal = { message: i18n.t('dashboard.settings.logo_missing'), status: 422 }
      else hash = await writeLogoFiles(currentTenant().id, bytes)
    } catch (error) {
      if (error instanceof LogoTooLarge) {
        const mb = MAX_LOGO_BYTES / 2 ** 20
        refusal = { message: i18n.t('dashboard.settings.logo_too_large', { mb }), status: 413 }
      } else if (error instanceof LogoNotAnImage) {
        refusal = { message: i18n.t('dashboard.settings.logo_not_image'), status: 422 }
      } else {
        throw error
      }
    }
    if (refusal) {
      if (wantsJson(ctx)) {
        throw refusal.status === 413
          ? new TooLarge(refusal.message)
          : new Invalid(refusal.message, 'logo')
      }
      const html = await renderSettingsPage(ctx, { errors: { logo: refusal.message }, old: {} })
      return ctx.response.status(refusal.status).send(html)
    }
    await new UpdateStoreLogo().handle({ actorUserId: ctx.auth.user?.id ?? null, logo: hash })
    if (wantsJson(ctx)) {
      const { logoUrl } = await currentStoreSettings()
      return { logo: logoUrl }
    }
    ctx.session.flash('notice', i18n.t('dashboard.settings.logo_saved'))
    return ctx.response.redirect().status(303).toRoute('store_settings.edit')
  }

  async destroy(ctx: HttpContext) {
    const { changed } = await new UpdateStoreLogo().handle({
      actorUserId: ctx.auth.user?.id ?? null,
      logo: null,
    })
    // A page from before the logo was removed (another tab, another member)
    if (!changed) throw new NotFound(ctx.i18n.t('dashboard.settings.logo_none'))
    if (wantsJson(ctx)) return ctx.response.noContent()
    ctx.session.flash('notice', ctx.i18n.t('dashboard.settings.logo_removed'))
    return ctx.response.redirect().status(303).toRoute('store_settings.edit')
  }

  async show({ params, response, i18n }: HttpContext) {
    const name = String(params.name)
    const notFound = () => new NotFound(i18n.t('dashboard.settings.logo_not_found'))
    if (!LOGO_FILE_NAME.test(name)) throw notFound()
    const key = logoKey(String(params.tenantId), name)
    if (!(await drive.use().exists(key))) throw notFound()
    const { contentLength } = await drive.use().getMetaData(key)
    response.header('cache-control', 'public, max-age=31536000, immutable')
    response.header('content-type', 'image/webp')
    response.header('content-length', String(contentLength))
    response.header('x-content-type-options', 'nosniff')
    return response.stream(await drive.use().getStream(key))
  }
}
