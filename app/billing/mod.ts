/** Billing: plans, limits, subscriptions, Stripe. Not built yet. */
export {}
