/**
 * What happens to a store's discount codes, for the activity log (and any
 * module that wants to react). Listeners run inside the store's unit of work.
 */
export interface DiscountCodeEvent {
  tenantId: string
  actorUserId: string | null
  discountCodeId: string
  code: string
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'storefront:discount_code_created': DiscountCodeEvent
    'storefront:discount_code_updated': DiscountCodeEvent
    'storefront:discount_code_deactivated': DiscountCodeEvent
  }
}
