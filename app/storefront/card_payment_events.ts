import type { Money } from '#core/mod'

/** Card payments with the store's own Stripe account, for the activity log (never a key) */
declare module '@adonisjs/core/types' {
  interface EventsList {
    'storefront:card_payments_changed': {
      tenantId: string
      actorUserId: string | null
      change: 'configured' | 'replaced' | 'removed'
      /** The secret key's last four characters, to tell keys apart */
      keyLast4: string
    }
    /** Stripe reported a payment that does not match what the order was charged */
    'storefront:card_payment_refused': {
      tenantId: string
      orderId: string
      number: number
      expected: Money
      received: Money
      sessionId: string
    }
  }
}
