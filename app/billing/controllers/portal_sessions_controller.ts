import type { HttpContext } from '@adonisjs/core/http'
import { flashMessage } from '#core/mod'
import OpenCustomerPortal from '../operations/open_customer_portal.js'
import { StripeUnavailable } from '../services/stripe_calls.js'
import { say } from '../messages.js'

/** The payment method and cancelling: a Stripe customer portal session, then off to Stripe (303) */
export default class PortalSessionsController {
  async store(ctx: HttpContext) {
    try {
      const url = await new OpenCustomerPortal().handle()
      return ctx.response.redirect().status(303).toPath(url)
    } catch (error) {
      if (!(error instanceof StripeUnavailable)) throw error
      flashMessage(ctx, 'error', say('stripe_unavailable'))
      return ctx.response.redirect().status(303).toRoute('billing.index')
    }
  }
}
