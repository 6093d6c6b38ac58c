import type { HttpContext } from '@adonisjs/core/http'
import { currentStoreSettings, keptStorePage } from '#tenancy/mod'

export default class HomeController {
  async show({ view, i18n, storeMount }: HttpContext) {
    const settings = await currentStoreSettings()
    return keptStorePage(`home ${i18n.locale} ${storeMount?.basePath}`, () =>
      view.render('storefront/home', { settings })
    )
  }
}
