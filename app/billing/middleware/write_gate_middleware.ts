import router from '@adonisjs/core/services/router'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { PaymentRequired, clock, isHtmx, shareWithTemplates, wantsJson } from '#core/mod'
import Subscription from '../models/subscription.js'
import { gateApplies, writesPaused } from '../services/write_gate.js'
import { billingBanner } from '../services/billing_banner.js'
import { say } from '../messages.js'

/** Whether a read renders a whole dashboard page (the one place the banner shows) */
function rendersDashboardPage(ctx: HttpContext) {
  return ctx.request.method() === 'GET' && !ctx.apiCaller && !wantsJson(ctx) && !isHtmx(ctx)
}

/**
 * Runs behind every dashboard and API route once the store is known: while
 * the store's writes are paused (payment overdue or unpaid, or canceled
 * and past the paid period), every write answers 402 with a link to the
 * billing page; reads and billing's own routes go through, and dashboard
 * pages say why nothing can change (or that a trial ends soon).
 */
export default class WriteGateMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const gated = gateApplies(ctx.request.method(), ctx.route?.name)
    if (!gated && !rendersDashboardPage(ctx)) return next()

    const subscription = await Subscription.query()
      .select('tenant_id', 'status', 'current_period_end', 'trial_ends_at')
      .first()
    const now = clock.now()
    const paused = subscription !== null && writesPaused(subscription, now)
    if (paused && gated) {
      throw new PaymentRequired(say('gate.paused'), router.makeUrl('billing.index'))
    }
    if (paused) shareWithTemplates(ctx, { billingWritesPaused: true })
    const banner = subscription ? billingBanner(subscription, now) : null
    if (banner) shareWithTemplates(ctx, { billingBanner: banner })
    return next()
  }
}
