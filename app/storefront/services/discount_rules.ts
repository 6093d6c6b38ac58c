import { DateTime } from 'luxon'
import { Conflict, Invalid, clock, compareMoney, formatMoney, type Money } from '#core/mod'
import { currentClient, currentTenant, inUnitOfWork } from '#tenancy/mod'
import DiscountCode from '../models/discount_code.js'
import { say } from '../orders_messages.js'

/** The same shopper whatever the case and spaces of the address they typed */
export function normalisedEmail(email: string) {
  return email.trim().toLowerCase()
}

/** A code as it is kept and shown: trimmed, in capitals */
export function normalisedCode(code: string) {
  return code.trim().toUpperCase()
}

/** The code cannot be used: the message says exactly why */
export class DiscountRefused extends Invalid {
  constructor(
    public reason: string,
    message: string
  ) {
    super(message, 'code')
  }
}

/** The code the shopper entered stopped applying while they checked out: the new total is to confirm */
export class DiscountWithdrawn extends Conflict {
  constructor(
    public reason: string,
    message: string,
    public total: Money,
    locale: string
  ) {
    super(
      say('discounts.errors.withdrawn', { reason: message, total: formatMoney(total, locale) }),
      'cart'
    )
  }
}

/** The store's code, whatever its letter case, held by this transaction when `lock` */
export function findDiscountCode(code: string, lock = false) {
  return inUnitOfWork(() => {
    const query = DiscountCode.query().whereRaw('lower(code) = lower(?)', [code.trim()])
    if (lock) query.forUpdate()
    return query.first()
  })
}

export function redemptionsBy(discount: DiscountCode, email: string) {
  return inUnitOfWork(async () => {
    const row = await currentClient()
      .from('discount_redemptions')
      .where({
        tenant_id: currentTenant().id,
        discount_code_id: discount.id,
        email: normalisedEmail(email),
      })
      .count('* as total')
      .first()
    return Number(row?.total ?? 0)
  })
}

const dateText = (date: DateTime, locale: string) =>
  date.setLocale(locale).toLocaleString(DateTime.DATETIME_MED)

/**
 * Why `discount` cannot be taken off goods worth `subtotal` now (by
 * `email`, when known), in the shopper's words, or null when it can.
 */
export async function refusalOf(
  discount: DiscountCode,
  subtotal: Money,
  options: { email: string | null; locale: string }
): Promise<{ reason: string; message: string } | null> {
  const code = discount.code
  const now = clock.now()
  const refuse = (reason: string, data: Record<string, unknown> = {}) => ({
    reason,
    message: say(`discounts.errors.${reason}`, { code, ...data }),
  })
  if (!discount.active) return refuse('inactive')
  if (now < discount.startsAt) {
    return refuse('not_started', { date: dateText(discount.startsAt, options.locale) })
  }
  if (discount.endsAt && now >= discount.endsAt) {
    return refuse('expired', { date: dateText(discount.endsAt, options.locale) })
  }
  if (subtotal.currency !== discount.currency) {
    return refuse('currency', { currency: discount.currency })
  }
  if (compareMoney(subtotal, discount.minimumOrder) < 0) {
    return refuse('minimum', {
      minimum: formatMoney(discount.minimumOrder, options.locale),
      subtotal: formatMoney(subtotal, options.locale),
    })
  }
  if (discount.usageLimit !== null && discount.timesUsed >= discount.usageLimit) {
    return refuse('used_up')
  }
  if (options.email && discount.perCustomerLimit !== null) {
    if ((await redemptionsBy(discount, options.email)) >= discount.perCustomerLimit) {
      return refuse('used_by_you')
    }
  }
  return null
}

/** The code the shopper typed, or a refusal that says it does not exist */
export async function discountOrRefuse(code: string) {
  const discount = await findDiscountCode(code)
  if (!discount) {
    throw new DiscountRefused('unknown', say('discounts.errors.unknown', { code: code.trim() }))
  }
  return discount
}

export interface EnteredDiscount {
  code: string
  /** The code's rule when it applies now; null when refused */
  discount: DiscountCode | null
  refusal: string | null
}

/**
 * The code a visitor entered, as their cart or checkout shows it: applied
 * when it may be taken off goods worth `subtotal` now, else the reason it
 * is not (it stays entered, so the shopper sees why).
 */
export async function enteredDiscount(
  code: string | null,
  subtotal: Money,
  locale: string
): Promise<EnteredDiscount | null> {
  if (!code) return null
  const discount = await findDiscountCode(code)
  if (!discount) {
    return { code, discount: null, refusal: say('discounts.errors.unknown', { code }) }
  }
  const refusal = await refusalOf(discount, subtotal, { email: null, locale })
  return refusal
    ? { code: discount.code, discount: null, refusal: refusal.message }
    : { code: discount.code, discount, refusal: null }
}
