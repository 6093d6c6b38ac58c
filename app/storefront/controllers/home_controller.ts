import type { HttpContext } from '@adonisjs/core/http'
import { currentStoreSettings } from '#tenancy/mod'

export default class HomeController {
  async show({ view }: HttpContext) {
    return view.render('storefront/home', { settings: await currentStoreSettings() })
  }
}
