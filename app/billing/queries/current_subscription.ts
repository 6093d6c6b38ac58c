import Subscription from '../models/subscription.js'

/** The current store's subscription with its plan (every store has one from provisioning on) */
export async function currentSubscription() {
  return Subscription.query().preload('plan').firstOrFail()
}
