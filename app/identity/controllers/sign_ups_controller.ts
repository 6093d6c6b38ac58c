import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, submitForm, type FormState } from '#core/mod'
import { BLUEPRINT_NAMES } from '#tenancy/mod'
import { signUpValidator } from '../validators/identity_validators.js'
import { provisionStore } from '../services/provision_store.js'
import { rememberCurrentStore } from '../middleware/dashboard_middleware.js'

export default class SignUpsController {
  #render(ctx: HttpContext, form: FormState) {
    return ctx.view.render('identity/sign_up', { form, blueprints: BLUEPRINT_NAMES })
  }

  async create(ctx: HttpContext) {
    return this.#render(ctx, EMPTY_FORM)
  }

  async store(ctx: HttpContext) {
    const { tenant, owner } = await submitForm(ctx, {
      validator: signUpValidator,
      render: (form) => this.#render(ctx, form),
      action: (input) =>
        provisionStore({
          name: input.storeName,
          slug: input.slug,
          blueprint: input.blueprint,
          locale: ctx.i18n.locale,
          owner: { email: input.email, fullName: input.fullName, password: input.password },
          existingOwner: 'refuse',
        }),
    })
    await ctx.auth.use('web').login(owner)
    rememberCurrentStore(ctx, tenant.id)
    return ctx.response.redirect().toRoute('dashboard.show')
  }
}
