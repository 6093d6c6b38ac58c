import type { HttpContext } from '@adonisjs/core/http'
import { recentActivity } from '#tenancy/mod'
import { countMembers } from '../queries/team.js'
import { setupChecklist } from '../services/setup_checklist.js'
import { describeActivity } from '../services/activity_sentences.js'

const LATEST_ACTIVITY = 5

export default class DashboardController {
  async show({ view, membership, i18n }: HttpContext) {
    const memberCount = await countMembers()
    const checklist = await setupChecklist((permission) => membership.can(permission))
    // The log is the owners' and admins' (activity:read); nobody else sees it here either
    const latest = membership.can('activity:read')
      ? await describeActivity(await recentActivity(LATEST_ACTIVITY), i18n)
      : null
    return view.render('identity/dashboard', { memberCount, checklist, latest })
  }
}
