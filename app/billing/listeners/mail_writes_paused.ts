import type { EventsList } from '@adonisjs/core/types'
import { clock } from '#core/mod'
import Plan from '../models/plan.js'
import Subscription from '../models/subscription.js'
import { writesPaused } from '../services/write_gate.js'
import { sendBillingNotice } from '../services/billing_notices.js'

/**
 * Tells the store's owners and finance members when their writes become
 * paused, in the transaction of the change (a status moving from one paused
 * state to another, past_due to unpaid, is not a new fall). One mail per
 * change: the Stripe event behind it names the occurrence.
 */
export default class MailWritesPaused {
  async handle(event: EventsList['billing:subscription_changed']) {
    if (event.previousStatus === null || event.previousStatus === event.status) return
    const subscription = await Subscription.query().first()
    if (!subscription) return
    const now = clock.now()
    const periodEnd = subscription.currentPeriodEnd
    if (!writesPaused(subscription, now)) return
    if (writesPaused({ status: event.previousStatus, currentPeriodEnd: periodEnd }, now)) return
    const plan = await Plan.findOrFail(subscription.planId)
    await sendBillingNotice('writes_paused', event.trigger ?? `${event.status}:${now.toISO()}`, {
      planName: plan.name,
      status: subscription.status,
      trialEndsAt: null,
    })
  }
}
