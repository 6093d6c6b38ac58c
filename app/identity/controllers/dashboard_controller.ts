import type { HttpContext } from '@adonisjs/core/http'
import { recentActivity } from '#tenancy/mod'
import { countMembers } from '../queries/team.js'
import { setupChecklist } from '../services/setup_checklist.js'
import { overviewPanels } from '../services/overview_panels.js'
import { describeActivity } from '../services/activity_sentences.js'

const LATEST_ACTIVITY = 5

export default class DashboardController {
  async show({ view, membership, i18n }: HttpContext) {
    const memberCount = await countMembers()
    const may = (permission: string) => membership.can(permission)
    const checklist = await setupChecklist(may)
    const panels = await overviewPanels(may)
    // The log is the owners' and admins' (activity:read); nobody else sees it here either
    const latest = membership.can('activity:read')
      ? await describeActivity(await recentActivity(LATEST_ACTIVITY), i18n)
      : null
    return view.render('identity/dashboard', { memberCount, checklist, latest, panels })
  }
}
