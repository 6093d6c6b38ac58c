import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, submitForm, wantsJson, type FormState } from '#core/mod'
import { tokenAbilityNames } from '../roles.js'
import { apiTokenValidator } from '../validators/identity_validators.js'
import { listApiTokens } from '../queries/api_tokens.js'
import IssueApiToken from '../operations/issue_api_token.js'
import RevokeApiToken from '../operations/revoke_api_token.js'

export default class ApiTokensController {
  async #render(ctx: HttpContext, form: FormState, newToken?: string) {
    const tokens = await listApiTokens()
    return ctx.view.render('identity/api_tokens', {
      tokens,
      abilities: tokenAbilityNames(),
      form,
      newToken,
    })
  }

  async index(ctx: HttpContext) {
    return this.#render(ctx, EMPTY_FORM)
  }

  async store(ctx: HttpContext) {
    const { token, plain } = await submitForm(ctx, {
      validator: apiTokenValidator,
      render: (form) => this.#render(ctx, form),
      action: (input) => new IssueApiToken().handle(ctx.membership, input),
    })
    ctx.response.status(201)
    if (wantsJson(ctx)) return token.toIssuedJson(plain)
    return this.#render(ctx, EMPTY_FORM, plain)
  }

  async destroy(ctx: HttpContext) {
    await new RevokeApiToken().handle({ actor: ctx.membership, tokenId: ctx.params.id })
    return ctx.response.redirect().toRoute('api_tokens.index')
  }
}
