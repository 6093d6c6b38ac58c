import type { HttpContext } from '@adonisjs/core/http'
import RotateApiToken from '../../operations/rotate_api_token.js'

export default class TokenRotationsController {
  async store({ apiCaller, response }: HttpContext) {
    const { token, plain } = await new RotateApiToken().handle({
      current: apiCaller.token,
      holder: apiCaller.membership,
    })
    response.status(201)
    return token.toIssuedJson(plain)
  }
}
