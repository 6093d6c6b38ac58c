import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, Invalid, submitForm, type FormState } from '#core/mod'
import User from '../models/user.js'
import { signInValidator } from '../validators/identity_validators.js'

export default class SessionsController {
  #render(ctx: HttpContext, form: FormState, notice?: string) {
    return ctx.view.render('identity/sign_in', { form, notice })
  }

  async create(ctx: HttpContext) {
    return this.#render(ctx, EMPTY_FORM, ctx.session.flashMessages.get('notice'))
  }

  async store(ctx: HttpContext) {
    const user = await submitForm(ctx, {
      validator: signInValidator,
      render: (form) => this.#render(ctx, form),
      action: async ({ email, password }) => {
        try {
          return await User.verifyCredentials(email, password)
        } catch {
          throw new Invalid(ctx.i18n.t('identity.sign_in.invalid_credentials'), 'email')
        }
      },
    })
    await ctx.auth.use('web').login(user)
    return ctx.response.redirect().toRoute('dashboard.show')
  }

  async destroy(ctx: HttpContext) {
    await ctx.auth.use('web').logout()
    ctx.session.clear()
    return ctx.response.redirect().toRoute('landing.show')
  }
}
