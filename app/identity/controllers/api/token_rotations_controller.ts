import type { HttpContext } from '@adonisjs/core/http'
import { rotateApiToken } from '../../services/api_tokens.js'

export default class TokenRotationsController {
  async store({ apiCaller, response }: HttpContext) {
    const { token, plain } = await rotateApiToken(apiCaller.token, apiCaller.membership)
    response.status(201)
    return {
      data: {
        id: token.id,
        token: plain,
        abilities: token.abilities,
        expiresAt: token.expiresAt?.toISO() ?? null,
      },
    }
  }
}
