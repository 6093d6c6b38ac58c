import vine from '@vinejs/vine'
import { DISCOUNT_KINDS } from '../models/discount_code.js'

/** A code as a shopper types it */
export const cartDiscountValidator = vine.compile(
  vine.object({
    code: vine.string().trim().minLength(1).maxLength(40),
    /** Known on the checkout page: the per-customer limit is checked against it */
    email: vine.string().trim().email().maxLength(254).nullable().optional(),
    returnTo: vine.enum(['cart', 'checkout']).nullable().optional(),
  })
)

const isoDate = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
const amountText = () => vine.string().trim().maxLength(40)
const count = () => vine.number().withoutDecimals().range([1, 1_000_000_000]).nullable().optional()

/** A code as the merchant enters it in the dashboard (amounts and dates are read by the controller) */
export const discountCodeValidator = vine.compile(
  vine.object({
    code: vine
      .string()
      .trim()
      .minLength(3)
      .maxLength(40)
      .regex(/^[A-Za-z0-9_-]+$/),
    kind: vine.enum(DISCOUNT_KINDS),
    /** A percentage as typed: "10", "12.5" (the operation refuses it when missing for its kind) */
    percentage: vine
      .string()
      .trim()
      .regex(/^\d{1,3}([.,]\d{1,2})?$/)
      .nullable()
      .optional(),
    fixedAmount: amountText().nullable().optional(),
    minimumOrder: amountText().nullable().optional(),
    /** Days as a date input sends them, in UTC: the first day, and the last */
    startsAt: isoDate().nullable().optional(),
    endsAt: isoDate().nullable().optional(),
    usageLimit: count(),
    perCustomerLimit: count(),
    active: vine.boolean().nullable().optional(),
  })
)
