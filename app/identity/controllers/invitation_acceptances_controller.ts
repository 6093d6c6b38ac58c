import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, NotFound, submitForm, type FormState } from '#core/mod'
import { newAccountValidator } from '../validators/identity_validators.js'
import { findOpenInvitation } from '../queries/team.js'
import AcceptInvitation from '../operations/accept_invitation.js'
import { signedInUser, startSession } from '../services/web_sessions.js'
import { rememberCurrentStore } from '../middleware/dashboard_middleware.js'

export default class InvitationAcceptancesController {
  async #render(ctx: HttpContext, form: FormState) {
    const found = await findOpenInvitation(String(ctx.params.token))
    if (!found) throw new NotFound(ctx.i18n.t('identity.invitations.spent'))
    const signedInAs = await signedInUser(ctx)
    return ctx.view.render('identity/invitation', {
      form,
      token: ctx.params.token,
      invitation: found.invitation,
      store: found.store,
      hasAccount: Boolean(found.existingUser),
      signedInAs,
    })
  }

  async show(ctx: HttpContext) {
    return this.#render(ctx, EMPTY_FORM)
  }

  async store(ctx: HttpContext) {
    const token = String(ctx.params.token)
    const signedIn = await signedInUser(ctx)
    const accept = new AcceptInvitation()
    const { user, store } = signedIn
      ? await accept.handle(token, { user: signedIn })
      : await submitForm(ctx, {
          validator: newAccountValidator,
          render: (form) => this.#render(ctx, form),
          action: (newAccount) => accept.handle(token, { newAccount }),
        })
    if (!signedIn) await startSession(ctx, user)
    rememberCurrentStore(ctx, store.id)
    return ctx.response.redirect().toRoute('dashboard.show')
  }
}
