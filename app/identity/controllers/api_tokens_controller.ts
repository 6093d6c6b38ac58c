import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, submitForm, wantsJson, type FormState } from '#core/mod'
import { tokenAbilityNames } from '../roles.js'
import { apiTokenValidator } from '../validators/identity_validators.js'
import { issueApiToken, listApiTokens, revokeApiToken } from '../services/api_tokens.js'

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
      action: (input) => issueApiToken(ctx.membership, input),
    })
    ctx.response.status(201)
    if (wantsJson(ctx)) {
      return {
        data: {
          id: token.id,
          token: plain,
          abilities: token.abilities,
          expiresAt: token.expiresAt?.toISO() ?? null,
        },
      }
    }
    return this.#render(ctx, EMPTY_FORM, plain)
  }

  async destroy(ctx: HttpContext) {
    await revokeApiToken(ctx.membership, ctx.params.id)
    return ctx.response.redirect().toRoute('api_tokens.index')
  }
}
