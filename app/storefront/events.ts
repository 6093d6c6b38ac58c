import type { Money } from '#core/mod'

/**
 * What happens to a store's orders, for any module to react to (the
 * activity log; later metering's order value and the price optimizer's
 * sales). Payloads are plain values; listeners run inside the store's unit
 * of work, so what they write commits or rolls back with the change.
 */
export interface OrderEvent {
  tenantId: string
  /** The member who made the change; null for the shopper, a job or a command */
  actorUserId: string | null
  orderId: string
  number: number
  total: Money
}

export interface OrderStatusEvent extends OrderEvent {
  from: string
  /** Whether the order's units went back on the shelf with this change */
  stockReturned: boolean
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'storefront:order_placed': OrderEvent & { email: string; lineCount: number; units: number }
    'storefront:order_paid': OrderStatusEvent
    'storefront:order_fulfilled': OrderStatusEvent
    'storefront:order_cancelled': OrderStatusEvent
    'storefront:order_refunded': OrderStatusEvent
    'storefront:order_notes_changed': OrderEvent
    'storefront:checkout_settings_changed': {
      tenantId: string
      actorUserId: string | null
      shipping: Money
      taxRateBp: number
      pricesIncludeTax: boolean
    }
  }
}
