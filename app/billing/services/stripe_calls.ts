import Stripe from 'stripe'
import logger from '@adonisjs/core/services/logger'

/** Stripe could not be reached or refused the call: the person can try again later */
export class StripeUnavailable extends Error {}

/**
 * Runs one call to Stripe's API; a failure of Stripe's (network, outage,
 * a refused request) becomes `StripeUnavailable`, logged with Stripe's own
 * request id, so the page can say so instead of answering 500.
 */
export async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error
    logger.warn({ err: error, requestId: error.requestId, what }, 'a Stripe API call failed')
    throw new StripeUnavailable(error.message)
  }
}
