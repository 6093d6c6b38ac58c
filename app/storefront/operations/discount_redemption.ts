import type { Money } from '#core/mod'
import { currentClient, currentTenant } from '#tenancy/mod'
import type DiscountCode from '../models/discount_code.js'
import type Order from '../models/order.js'
import type { CheckoutTotals } from '../services/checkout_totals.js'
import {
  DiscountWithdrawn,
  findDiscountCode,
  normalisedEmail,
  refusalOf,
} from '../services/discount_rules.js'
import { say } from '../orders_messages.js'

/**
 * The shopper's code, held by the placing transaction (FOR UPDATE) and
 * checked again under the lock: the checkouts that race for a code's last
 * use wait for each other here, so its limits count exactly. A code that
 * no longer applies refuses the order (409) with the total without it.
 */
export async function lockedDiscount(
  code: string,
  email: string,
  locale: string,
  totalsWithout: () => CheckoutTotals
): Promise<DiscountCode> {
  const discount = await findDiscountCode(code, true)
  const without = totalsWithout()
  if (!discount) {
    const message = say('discounts.errors.unknown', { code })
    throw new DiscountWithdrawn('unknown', message, without.total, locale)
  }
  const refusal = await refusalOf(discount, without.subtotal, { email, locale })
  if (refusal) throw new DiscountWithdrawn(refusal.reason, refusal.message, without.total, locale)
  return discount
}

/** One more use of the code, and the order and shopper that used it */
export async function redeemDiscount(discount: DiscountCode, order: Order, amount: Money) {
  discount.timesUsed += 1
  await discount.save()
  await currentClient()
    .table('discount_redemptions')
    .insert({
      tenant_id: currentTenant().id,
      discount_code_id: discount.id,
      order_id: order.id,
      email: normalisedEmail(order.email),
      amount: amount.amount.toString(),
    })
}
