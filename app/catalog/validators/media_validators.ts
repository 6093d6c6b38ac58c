import vine from '@vinejs/vine'

const altText = vine.string().trim().maxLength(250)

/** An upload made through the signed URL, attached to a product */
export const mediaAttachValidator = vine.compile(
  vine.object({
    key: vine.string().trim().maxLength(300),
    altText: altText.clone().nullable().optional(),
  })
)

export const mediaAltValidator = vine.compile(
  vine.object({ altText: altText.clone().nullable().optional() })
)

export const mediaPositionValidator = vine.compile(
  vine.object({
    direction: vine.enum(['up', 'down'] as const).optional(),
    position: vine.number().withoutDecimals().min(0).max(10_000).optional(),
  })
)
