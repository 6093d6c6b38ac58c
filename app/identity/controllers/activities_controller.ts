import type { HttpContext } from '@adonisjs/core/http'
import { recentActivity } from '#tenancy/mod'

export default class ActivitiesController {
  async index({ view }: HttpContext) {
    return view.render('identity/activity', { activities: await recentActivity(100) })
  }
}
