import type { HttpContext } from '@adonisjs/core/http'
import { listMembers } from '../queries/team.js'

export default class DashboardController {
  async show({ view }: HttpContext) {
    const members = await listMembers()
    return view.render('identity/dashboard', { memberCount: members.length })
  }
}
