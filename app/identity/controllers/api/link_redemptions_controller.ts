import type { HttpContext } from '@adonisjs/core/http'
import { keepOutOfCaches, validate } from '#core/mod'
import { linkRedemptionValidator } from '../../validators/identity_validators.js'
import RedeemLinkForApiToken from '../../operations/redeem_link_for_api_token.js'

/** `POST /api/v1/auth/redeem`: a sign-in link's token, spent once, for an API token */
export default class ApiLinkRedemptionsController {
  async store(ctx: HttpContext) {
    keepOutOfCaches(ctx.response)
    const input = await validate(ctx, linkRedemptionValidator)
    const { token, plain, store } = await new RedeemLinkForApiToken().handle(input)
    ctx.response.status(201)
    return {
      data: { ...token.toIssuedJson(plain).data, store: { slug: store.slug, name: store.name } },
    }
  }
}
