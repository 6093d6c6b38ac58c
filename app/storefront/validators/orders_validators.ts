import vine, { errors as vineErrors } from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import type { Infer, SchemaTypes } from '@vinejs/vine/types'
import { FormRejected, fieldErrorsOf, validate, wantsJson, type FormState } from '#core/mod'
import { ORDER_STATUSES, PAYMENT_METHODS } from '../models/order.js'
import { MAX_QUANTITY } from '../services/cart_store.js'
import { SHIPPING_COUNTRIES } from '../services/checkout_countries.js'
import { say } from '../orders_messages.js'

const text = (max: number) => vine.string().trim().maxLength(max)
const required = (max: number) => text(max).minLength(1)
const optional = (max: number) => text(max).nullable().optional()

export const cartItemValidator = vine.compile(
  vine.object({
    variantId: vine.string().trim().uuid(),
    quantity: vine.number().withoutDecimals().range([1, MAX_QUANTITY]).optional(),
  })
)

/** 0 takes the item out */
export const cartQuantityValidator = vine.compile(
  vine.object({ quantity: vine.number().withoutDecimals().range([0, MAX_QUANTITY]) })
)

export const checkoutValidator = vine.compile(
  vine.object({
    email: text(254).email(),
    fullName: required(120),
    phone: text(32).regex(/^\+?[0-9][0-9 ()-]{5,30}$/),
    country: vine.enum(SHIPPING_COUNTRIES),
    city: required(120),
    addressLine1: required(200),
    addressLine2: optional(200),
    note: optional(1000),
    /** The total the shopper was shown, in minor units */
    expectedTotal: vine
      .string()
      .trim()
      .regex(/^\d{1,18}$/),
    payment: vine.enum(PAYMENT_METHODS).optional(),
  })
)

export const orderLookupValidator = vine.compile(
  vine.object({
    email: text(254).email(),
    orderNumber: vine.number().withoutDecimals().range([1, 2_147_483_647]),
  })
)

export const orderStatusValidator = vine.compile(vine.object({ status: vine.enum(ORDER_STATUSES) }))

export const orderNotesValidator = vine.compile(vine.object({ notes: optional(5000) }))

/**
 * Validates a cart, checkout or order form, each refusal said the way the
 * orders say it (`orders.invalid.<field>`: "Enter the city to deliver to").
 */
export async function validateOrderForm<Schema extends SchemaTypes>(
  ctx: HttpContext,
  validator: VineValidator<Schema, any>
): Promise<Infer<Schema>> {
  try {
    return (await validate(ctx, validator)) as Infer<Schema>
  } catch (error) {
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      for (const message of error.messages as { field: string; message: string }[]) {
        message.message = say(`invalid.${message.field.split('.')[0]}`, {}, message.message)
      }
    }
    throw error
  }
}

/** The refusals of a form as { field: message } (the first per field), or null if it is not one */
export function formErrorsOf(error: unknown): Record<string, string> | null {
  const fieldErrors = fieldErrorsOf(error)
  if (!fieldErrors) return null
  const errors: Record<string, string> = {}
  for (const { field, message } of fieldErrors) errors[field?.split('.')[0] ?? 'form'] ??= message
  return errors
}

/**
 * core's submitForm with the orders' own messages: validates, runs
 * `action`, and on a refusal renders the page again (422) with each message
 * beside its field; JSON callers get the error itself.
 */
export async function submitOrderForm<Schema extends SchemaTypes, Result>(
  ctx: HttpContext,
  options: {
    validator: VineValidator<Schema, any>
    render: (state: FormState) => Promise<string>
    action: (payload: Infer<Schema>) => Promise<Result>
  }
): Promise<Result> {
  try {
    return await options.action(await validateOrderForm(ctx, options.validator))
  } catch (error) {
    const errors = formErrorsOf(error)
    if (!errors || wantsJson(ctx)) throw error
    throw new FormRejected(await options.render({ errors, old: typedFields(ctx) }))
  }
}

/** What the form sent, for the page shown again, without the fields in `left` (and never the CSRF token) */
export function typedFields(ctx: HttpContext, left: string[] = []) {
  const skipped = new Set(['_csrf', ...left])
  return Object.fromEntries(
    Object.entries(ctx.request.all()).filter(([name]) => !skipped.has(name))
  )
}

/**
 * A shopper's form refused with `status`: `{errors:[{field,message}]}` for
 * JSON callers, the page again (via `render`) with each message beside its
 * field and what was typed, except the fields in `left`, for everyone else.
 */
export async function refuseShopperForm(
  ctx: HttpContext,
  status: number,
  errors: Record<string, string>,
  render: (form: FormState) => Promise<string>,
  left: string[] = []
) {
  if (wantsJson(ctx)) {
    return ctx.response.status(status).send({
      errors: Object.entries(errors).map(([field, message]) => ({ field, message })),
    })
  }
  ctx.response.status(status)
  return render({ errors, old: typedFields(ctx, left) })
}

export const checkoutSettingsValidator = vine.compile(
  vine.object({
    shipping: optional(40),
    /** A percentage as typed: "5", "7.5", "15,25" */
    taxRate: vine
      .string()
      .trim()
      .regex(/^\d{1,3}([.,]\d{1,2})?$/),
    pricesIncludeTax: vine.boolean().optional(),
  })
)

/** "7.5" → 750 basis points, or null past 100 % */
export function basisPointsOf(percent: string): number | null {
  const [whole, fraction = ''] = percent.replace(',', '.').split('.')
  const points = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  return points <= 10_000 ? points : null
}
