import type { HttpContext } from '@adonisjs/core/http'
import { recentActivity } from '#tenancy/mod'
import { describeActivity } from '../services/activity_sentences.js'

const SHOWN = 100

export default class ActivitiesController {
  async index({ view, i18n }: HttpContext) {
    const lines = await describeActivity(await recentActivity(SHOWN), i18n)
    return view.render('identity/activity', { lines })
  }
}
