import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, submitForm, type FormState } from '#core/mod'
import { BLUEPRINT_NAMES } from '#tenancy/mod'
import { signUpValidator } from '../validators/identity_validators.js'
import SignUp from '../operations/sign_up.js'

export default class SignUpsController {
  #render(ctx: HttpContext, form: FormState) {
    return ctx.view.render('identity/sign_up', { form, blueprints: BLUEPRINT_NAMES })
  }

  async create(ctx: HttpContext) {
    return this.#render(ctx, EMPTY_FORM)
  }

  /**
   * The same page whether the address was new (the store exists now, and a
   * link to prove the address and open it is on its way) or already had an
   * account (a mail says so): sign-up does not tell who has an account.
   */
  async store(ctx: HttpContext) {
    await submitForm(ctx, {
      validator: signUpValidator,
      render: (form) => this.#render(ctx, form),
      action: (input) => new SignUp().handle({ ...input, locale: ctx.i18n.locale }),
    })
    return ctx.view.render('identity/check_email', { reason: 'sign_up' })
  }
}
