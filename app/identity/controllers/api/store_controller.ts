import type { HttpContext } from '@adonisjs/core/http'

export default class StoreController {
  async show({ apiCaller }: HttpContext) {
    const { store } = apiCaller
    return {
      data: {
        slug: store.slug,
        name: store.name,
        status: store.status,
        defaultCurrency: store.defaultCurrency,
        defaultLocale: store.defaultLocale,
      },
    }
  }
}
