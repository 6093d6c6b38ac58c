import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { keepOutOfCaches, validate } from '#core/mod'
import { magicLinkValidator } from '../../validators/identity_validators.js'
import { mailLinkToAddress } from '../../services/mailed_links.js'

/**
 * `POST /api/v1/auth/magic-link`: mails a sign-in link, answering 202 the
 * same way whether or not an account uses the address. Outside production
 * the answer also carries the link's token (null when no mail went out), so
 * a script can run the whole flow without a mailbox.
 */
export default class ApiMagicLinksController {
  async store(ctx: HttpContext) {
    keepOutOfCaches(ctx.response)
    const { email } = await validate(ctx, magicLinkValidator)
    const token = await mailLinkToAddress(email, 'sign_in', ctx.i18n.locale)
    ctx.response.status(202)
    const data = { message: ctx.i18n.t('api.magic_link.sent') }
    return { data: app.inProduction ? data : { ...data, token } }
  }
}
