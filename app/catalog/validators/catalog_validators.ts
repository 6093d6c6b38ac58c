import vine from '@vinejs/vine'
import { PRODUCT_STATUSES } from '../models/product.js'
import { MAX_OPTIONS, MAX_VARIANTS } from '../services/variant_options.js'

const text = (max: number) => vine.string().trim().maxLength(max)
/** A money field as typed; core's parseMoney reads it in the product's currency */
const amount = () => vine.string().trim().maxLength(40).nullable().optional()
/** A whole number as typed; the operation says what range it takes */
const count = () => vine.number().withoutDecimals().nullable().optional()

/** The product form, on create and edit; empty fields arrive as null (the body parser) */
export const productValidator = vine.compile(
  vine.object({
    title: text(200).minLength(1),
    handle: text(120).nullable().optional(),
    description: text(20_000).nullable().optional(),
    status: vine.enum(PRODUCT_STATUSES),
    categoryId: vine.string().uuid().nullable().optional(),
    tags: text(1000).nullable().optional(),
    trackStock: vine.boolean().optional(),
    price: amount(),
    compareAt: amount(),
    cost: amount(),
    sku: text(64).nullable().optional(),
    stock: count(),
    options: vine
      .array(
        vine.object({
          name: text(60).nullable().optional(),
          values: text(1000).nullable().optional(),
        })
      )
      .maxLength(MAX_OPTIONS)
      .optional(),
    variants: vine
      .array(
        vine.object({
          id: vine.string().uuid(),
          price: amount(),
          compareAt: amount(),
          cost: amount(),
          sku: text(64).nullable().optional(),
        })
      )
      .maxLength(MAX_VARIANTS)
      .optional(),
  })
)

export const categoryValidator = vine.compile(
  vine.object({
    name: text(120).minLength(1),
    handle: text(120).nullable().optional(),
    parentId: vine.string().uuid().nullable().optional(),
  })
)

export const categoryPositionValidator = vine.compile(
  vine.object({
    direction: vine.enum(['up', 'down'] as const).optional(),
    position: vine.number().withoutDecimals().min(0).max(10_000).optional(),
  })
)

export const stockAdjustmentValidator = vine.compile(
  vine.object({
    delta: vine.number().withoutDecimals(),
    note: text(200).nullable().optional(),
  })
)

const productIds = () => vine.array(vine.string().uuid()).maxLength(MAX_VARIANTS).optional()

/** The products list's bulk form: the checked rows, or every row shown (`all=page`) */
export const productBulkValidator = vine.compile(
  vine.object({
    action: vine.enum(['publish', 'archive', 'draft', 'delete'] as const),
    ids: productIds(),
    shown: productIds(),
    all: vine.literal('page').optional(),
  })
)

export const productDeletionValidator = vine.compile(
  vine.object({
    ids: vine.array(vine.string().uuid()).minLength(1).maxLength(MAX_VARIANTS),
  })
)
