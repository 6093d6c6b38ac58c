import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, Invalid, submitForm, type FormState } from '#core/mod'
import User from '../models/user.js'
import { signInValidator } from '../validators/identity_validators.js'
import { startSession } from '../services/web_sessions.js'

export default class SessionsController {
  #render(ctx: HttpContext, form: FormState, extra: Record<string, unknown> = {}) {
    return ctx.view.render('identity/sign_in', { form, ...extra })
  }

  async create(ctx: HttpContext) {
    return this.#render(ctx, EMPTY_FORM, { notice: ctx.session.flashMessages.get('notice') })
  }

  /**
   * Password sign-in, for accounts whose address is proven. An unproven one
   * is told so (only once the password matched) and offered a new link.
   */
  async store(ctx: HttpContext) {
    let unverifiedEmail: string | null = null
    const user = await submitForm(ctx, {
      validator: signInValidator,
      render: (form) => this.#render(ctx, form, { unverifiedEmail }),
      action: async ({ email, password }) => {
        let found: User
        try {
          found = await User.verifyCredentials(email, password)
        } catch {
          throw new Invalid(ctx.i18n.t('identity.sign_in.invalid_credentials'), 'email')
        }
        if (!found.isVerified) {
          unverifiedEmail = found.email
          throw new Invalid(ctx.i18n.t('identity.sign_in.unverified'), 'email')
        }
        return found
      },
    })
    await startSession(ctx, user)
    return ctx.response.redirect().toRoute('dashboard.show')
  }

  async destroy(ctx: HttpContext) {
    await ctx.auth.use('web').logout()
    ctx.session.clear()
    return ctx.response.redirect().toRoute('landing.show')
  }
}
