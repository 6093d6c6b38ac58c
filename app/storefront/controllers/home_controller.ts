import type { HttpContext } from '@adonisjs/core/http'
import { StoreSetting } from '#tenancy/mod'

export default class HomeController {
  async show({ view }: HttpContext) {
    const settings = await StoreSetting.query().firstOrFail()
    return view.render('storefront/home', { settings })
  }
}
