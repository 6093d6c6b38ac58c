import type { HttpContext } from '@adonisjs/core/http'
import { NotFound, readOutbox } from '#core/mod'
import { devMailbox } from '#config/mail'
import { devMailboxOpensTo } from '../services/dev_mailbox_access.js'

/**
 * The mail a person would have received, sign-in links included: the route
 * exists only in development with the mailbox switched on, and answers only
 * to this machine.
 */
export default class DevMailboxController {
  async index({ view, request }: HttpContext) {
    if (!devMailboxOpensTo(devMailbox, request.ip())) throw new NotFound('Not found')
    const to = request.qs().to
    const messages = await readOutbox(typeof to === 'string' ? to : undefined)
    return view.render('identity/dev_mailbox', { messages })
  }
}
