import type { HttpContext } from '@adonisjs/core/http'
import { afterCursor, nextCursorOf, readCursorPage } from '#core/mod'
import Membership from '../../models/membership.js'

/** `GET /api/v1/members` (`team:read`): newest first, a page at a time like every API list */
export default class MembersController {
  async index({ request }: HttpContext) {
    const page = readCursorPage(request.qs())
    const rows = await afterCursor(Membership.query().preload('user'), page)
    return {
      data: rows.slice(0, page.limit).map((member) => ({
        id: member.id,
        email: member.user.email,
        fullName: member.user.fullName,
        role: member.role,
      })),
      nextCursor: nextCursorOf(rows, page),
    }
  }
}
