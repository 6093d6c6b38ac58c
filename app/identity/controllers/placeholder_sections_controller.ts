import type { HttpContext } from '@adonisjs/core/http'

export default class PlaceholderSectionsController {
  async show({ view, route }: HttpContext) {
    const section = String(route?.name ?? '').split('.')[0]
    return view.render('identity/placeholder_section', { section })
  }
}
