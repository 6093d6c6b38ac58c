import type { HttpContext } from '@adonisjs/core/http'
import { readOutbox } from '#core/mod'

/**
 * Development only (the route is not registered in production): the mail a
 * person would have received, including magic links.
 */
export default class DevMailboxController {
  async index({ view, request }: HttpContext) {
    const to = request.qs().to
    const messages = await readOutbox(typeof to === 'string' ? to : undefined)
    return view.render('identity/dev_mailbox', { messages })
  }
}
