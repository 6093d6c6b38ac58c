import emitter from '@adonisjs/core/services/emitter'
import type { DateTime } from 'luxon'
import { Invalid, NotFound, type Money } from '#core/mod'
import { currentTenant, inUnitOfWork } from '#tenancy/mod'
import DiscountCode, { type DiscountKind } from '../models/discount_code.js'
import { findDiscountCode, normalisedCode } from '../services/discount_rules.js'
import { say } from '../orders_messages.js'

export interface DiscountCodeInput {
  actorUserId: string | null
  code: string
  kind: DiscountKind
  /** 1000 is 10 % (percentage codes) */
  percentageBp: number | null
  /** In the store's currency (fixed codes) */
  fixedAmount: Money | null
  minimumOrder: Money
  startsAt: DateTime
  endsAt: DateTime | null
  usageLimit: number | null
  perCustomerLimit: number | null
  active: boolean
}

function isUniqueViolation(error: unknown) {
  const pgError = error as { code?: string; constraint?: string }
  return pgError.code === '23505' && (pgError.constraint ?? '').includes('discount_codes')
}

/** The columns of a code, checked: one kind's amount, dates in order, one currency */
function columnsOf(input: DiscountCodeInput) {
  const currency = currentTenant().defaultCurrency
  if (input.kind === 'percentage') {
    const bp = input.percentageBp
    if (bp === null || !Number.isInteger(bp) || bp < 1 || bp > 10_000) {
      throw new Invalid(say('invalid.percentage'), 'percentage')
    }
  } else if (
    !input.fixedAmount ||
    input.fixedAmount.currency !== currency ||
    input.fixedAmount.amount <= 0n
  ) {
    throw new Invalid(say('invalid.fixedAmount'), 'fixedAmount')
  }
  if (input.minimumOrder.currency !== currency || input.minimumOrder.amount < 0n) {
    throw new Invalid(say('invalid.minimumOrder'), 'minimumOrder')
  }
  if (input.endsAt && input.endsAt <= input.startsAt) {
    throw new Invalid(say('discounts.errors.ends_before_start'), 'endsAt')
  }
  return {
    code: normalisedCode(input.code),
    kind: input.kind,
    percentageBp: input.kind === 'percentage' ? input.percentageBp : null,
    fixedAmount: input.kind === 'fixed' ? input.fixedAmount!.amount : null,
    currency,
    minimumOrderAmount: input.minimumOrder.amount,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    usageLimit: input.usageLimit,
    perCustomerLimit: input.perCustomerLimit,
    active: input.active,
  }
}

async function refuseTakenCode(code: string, exceptId: string | null) {
  const existing = await findDiscountCode(code)
  if (existing && existing.id !== exceptId) {
    throw new Invalid(say('discounts.errors.code_taken', { code: normalisedCode(code) }), 'code')
  }
}

async function saving<T>(work: () => Promise<T>, code: string): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    throw new Invalid(say('discounts.errors.code_taken', { code: normalisedCode(code) }), 'code')
  }
}

function announce(
  event: 'created' | 'updated' | 'deactivated',
  discount: DiscountCode,
  actorUserId: string | null
) {
  return emitter.emit(`storefront:discount_code_${event}`, {
    tenantId: discount.tenantId,
    actorUserId,
    discountCodeId: discount.id,
    code: discount.code,
  })
}

/** A new discount code of the current store (its code not yet taken, whatever the case) */
export class CreateDiscountCode {
  async handle(input: DiscountCodeInput) {
    return saving(
      () =>
        inUnitOfWork(async () => {
          const columns = columnsOf(input)
          await refuseTakenCode(columns.code, null)
          const discount = await DiscountCode.create({ ...columns, timesUsed: 0 })
          await announce('created', discount, input.actorUserId)
          return discount
        }),
      input.code
    )
  }
}

/** A code's terms changed; its uses so far stay counted */
export class UpdateDiscountCode {
  async handle(id: string, input: DiscountCodeInput) {
    return saving(
      () =>
        inUnitOfWork(async () => {
          const discount = await DiscountCode.query().where('id', id).forUpdate().first()
          if (!discount) throw new NotFound(say('discounts.errors.not_found'))
          const columns = columnsOf(input)
          await refuseTakenCode(columns.code, discount.id)
          discount.merge(columns)
          await discount.save()
          await announce('updated', discount, input.actorUserId)
          return discount
        }),
      input.code
    )
  }
}

/** The code is no longer offered (kept, with its redemptions, for the orders that used it) */
export class DeactivateDiscountCode {
  async handle(input: { id: string; actorUserId: string | null }) {
    return inUnitOfWork(async () => {
      const discount = await DiscountCode.query().where('id', input.id).forUpdate().first()
      if (!discount) throw new NotFound(say('discounts.errors.not_found'))
      if (!discount.active) return discount
      discount.active = false
      await discount.save()
      await announce('deactivated', discount, input.actorUserId)
      return discount
    })
  }
}
