import vine from '@vinejs/vine'

/** The plan a Checkout session is for, by its code (plan codes are lower-case words) */
export const checkoutSessionValidator = vine.compile(
  vine.object({
    plan: vine
      .string()
      .trim()
      .maxLength(40)
      .regex(/^[a-z0-9][a-z0-9_-]*$/),
  })
)
