import type { HttpContext } from '@adonisjs/core/http'
import { submitForm } from '#core/mod'
import { magicLinkValidator } from '../validators/identity_validators.js'
import { redeemMagicLink, sendMagicLink } from '../services/magic_links.js'

export default class MagicLinksController {
  async store(ctx: HttpContext) {
    await submitForm(ctx, {
      validator: magicLinkValidator,
      render: (form) => ctx.view.render('identity/sign_in', { form, magicLinkForm: true }),
      action: ({ email }) => sendMagicLink(email, ctx.i18n.locale),
    })
    return ctx.view.render('identity/magic_link_sent')
  }

  async show(ctx: HttpContext) {
    const user = await redeemMagicLink(String(ctx.params.token))
    if (!user) {
      ctx.response.status(410)
      return ctx.view.render('core/error', {
        status: 410,
        message: ctx.i18n.t('identity.magic_link.spent'),
      })
    }
    await ctx.auth.use('web').login(user)
    return ctx.response.redirect().toRoute('dashboard.show')
  }
}
