import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, NotFound, submitForm, type FormState } from '#core/mod'
import { newAccountValidator } from '../validators/identity_validators.js'
import { acceptInvitation, findOpenInvitation } from '../services/team.js'
import { rememberCurrentStore } from '../middleware/dashboard_middleware.js'

export default class InvitationAcceptancesController {
  async #render(ctx: HttpContext, form: FormState) {
    const found = await findOpenInvitation(String(ctx.params.token))
    if (!found) throw new NotFound(ctx.i18n.t('identity.invitations.spent'))
    await ctx.auth.check()
    return ctx.view.render('identity/invitation', {
      form,
      token: ctx.params.token,
      invitation: found.invitation,
      store: found.store,
      hasAccount: Boolean(found.existingUser),
      signedInAs: ctx.auth.user ?? null,
    })
  }

  async show(ctx: HttpContext) {
    return this.#render(ctx, EMPTY_FORM)
  }

  async store(ctx: HttpContext) {
    const token = String(ctx.params.token)
    await ctx.auth.check()
    const signedIn = ctx.auth.user
    const { user, store } = signedIn
      ? await acceptInvitation(token, { user: signedIn })
      : await submitForm(ctx, {
          validator: newAccountValidator,
          render: (form) => this.#render(ctx, form),
          action: (newAccount) => acceptInvitation(token, { newAccount }),
        })
    if (!signedIn) await ctx.auth.use('web').login(user)
    rememberCurrentStore(ctx, store.id)
    return ctx.response.redirect().toRoute('dashboard.show')
  }
}
