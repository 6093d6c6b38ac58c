import type { HttpContext } from '@adonisjs/core/http'

export default class LandingController {
  async show({ view }: HttpContext) {
    return view.render('identity/landing')
  }
}
