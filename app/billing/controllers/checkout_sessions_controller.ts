import type { HttpContext } from '@adonisjs/core/http'
import { flashMessage, validate } from '#core/mod'
import StartCheckout from '../operations/start_checkout.js'
import { StripeUnavailable } from '../services/stripe_calls.js'
import { checkoutSessionValidator } from '../validators/checkout_session_validator.js'
import { say } from '../messages.js'

/** Upgrading: a Stripe Checkout session for a plan, then off to Stripe (303) */
export default class CheckoutSessionsController {
  async store(ctx: HttpContext) {
    const { plan } = await validate(ctx, checkoutSessionValidator)
    try {
      const url = await new StartCheckout().handle({ planCode: plan, email: ctx.auth.user!.email })
      return ctx.response.redirect().status(303).toPath(url)
    } catch (error) {
      if (!(error instanceof StripeUnavailable)) throw error
      flashMessage(ctx, 'error', say('stripe_unavailable'))
      return ctx.response.redirect().status(303).toRoute('billing.index')
    }
  }
}
