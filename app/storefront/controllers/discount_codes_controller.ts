import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { DateTime } from 'luxon'
import {
  EMPTY_FORM,
  Invalid,
  MoneyInputError,
  NotFound,
  clock,
  flashMessage,
  listHref,
  listParams,
  money,
  parseMoney,
  toDecimalString,
  wantsFragment,
  wantsJson,
  type FormState,
} from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import DiscountCode, { DISCOUNT_KINDS } from '../models/discount_code.js'
import {
  CreateDiscountCode,
  DeactivateDiscountCode,
  UpdateDiscountCode,
  type DiscountCodeInput,
} from '../operations/discount_codes.js'
import {
  DISCOUNT_LIST_DEFAULTS,
  discountCodeRow,
  listDiscountCodesPage,
  parseDiscountListQuery,
} from '../services/discount_code_list.js'
import { discountCodeValidator } from '../validators/discount_validators.js'
import { basisPointsOf, submitOrderForm } from '../validators/orders_validators.js'
import { say } from '../orders_messages.js'

const TABLE_ID = 'discount-codes'

/** A code of the current store, or a 404: another store's id is simply not found */
async function discountOrFail(id: string) {
  const discount = await DiscountCode.find(id)
  if (!discount) throw new NotFound(say('discounts.errors.not_found'))
  return discount
}

/** What the form shows for a code (the last day is the day before `ends_at`, in UTC) */
function valuesOf(discount: DiscountCode | null) {
  if (!discount) {
    return {
      code: '',
      kind: 'percentage',
      percentage: '',
      fixedAmount: '',
      minimumOrder: '',
      startsAt: clock.now().toUTC().toISODate(),
      endsAt: '',
      usageLimit: '',
      perCustomerLimit: '',
      active: true,
    }
  }
  const currency = discount.currency
  return {
    code: discount.code,
    kind: discount.kind,
    percentage: discount.percentageBp === null ? '' : String(discount.percentageBp / 100),
    fixedAmount:
      discount.fixedAmount === null ? '' : toDecimalString(money(discount.fixedAmount, currency)),
    minimumOrder: discount.minimumOrderAmount === 0n ? '' : toDecimalString(discount.minimumOrder),
    startsAt: discount.startsAt.toUTC().toISODate(),
    endsAt: discount.endsAt ? discount.endsAt.toUTC().minus({ days: 1 }).toISODate() : '',
    usageLimit: discount.usageLimit === null ? '' : String(discount.usageLimit),
    perCustomerLimit: discount.perCustomerLimit === null ? '' : String(discount.perCustomerLimit),
    active: discount.active,
  }
}

function renderForm(ctx: HttpContext, discount: DiscountCode | null, form: FormState = EMPTY_FORM) {
  return ctx.view.render(discount ? 'orders/discounts/edit' : 'orders/discounts/create', {
    discount: discount ? discountCodeRow(discount, ctx.i18n.locale) : null,
    values: valuesOf(discount),
    kinds: DISCOUNT_KINDS,
    currency: currentTenant().defaultCurrency,
    // fields sent empty come back empty (the body parser made them null)
    form: {
      ...form,
      old: Object.fromEntries(Object.entries(form.old).map(([name, value]) => [name, value ?? ''])),
    },
  })
}

function amountOf(text: string | null | undefined, field: string, locale: string) {
  if (!text) return null
  try {
    return parseMoney(text, currentTenant().defaultCurrency, locale)
  } catch (error) {
    if (error instanceof MoneyInputError) throw new Invalid(say(`invalid.${field}`), field)
    throw error
  }
}

function dayOf(text: string, field: string) {
  const day = DateTime.fromISO(text, { zone: 'utc' })
  if (!day.isValid || day.year < 2000 || day.year > 2999) {
    throw new Invalid(say(`invalid.${field}`), field)
  }
  return day.startOf('day')
}

type DiscountPayload = Awaited<ReturnType<typeof discountCodeValidator.validate>>

/** The form's text as the operation's terms: amounts in the store's currency, days in UTC */
function inputOf(ctx: HttpContext, payload: DiscountPayload): DiscountCodeInput {
  const locale = ctx.i18n.locale
  const currency = currentTenant().defaultCurrency
  let percentageBp: number | null = null
  if (payload.kind === 'percentage') {
    percentageBp = payload.percentage ? basisPointsOf(payload.percentage) : null
    if (percentageBp === null || percentageBp < 1) {
      throw new Invalid(say('invalid.percentage'), 'percentage')
    }
  }
  const fixedAmount =
    payload.kind === 'fixed' ? amountOf(payload.fixedAmount, 'fixedAmount', locale) : null
  if (payload.kind === 'fixed' && (!fixedAmount || fixedAmount.amount <= 0n)) {
    throw new Invalid(say('invalid.fixedAmount'), 'fixedAmount')
  }
  const minimumOrder = amountOf(payload.minimumOrder, 'minimumOrder', locale) ?? money(0n, currency)
  if (minimumOrder.amount < 0n) throw new Invalid(say('invalid.minimumOrder'), 'minimumOrder')
  const startsAt = payload.startsAt ? dayOf(payload.startsAt, 'startsAt') : clock.now()
  const endsAt = payload.endsAt ? dayOf(payload.endsAt, 'endsAt').plus({ days: 1 }) : null
  return {
    actorUserId: ctx.auth.user?.id ?? null,
    code: payload.code,
    kind: payload.kind,
    percentageBp,
    fixedAmount,
    minimumOrder,
    startsAt,
    endsAt,
    usageLimit: payload.usageLimit ?? null,
    perCustomerLimit: payload.perCustomerLimit ?? null,
    // a checkbox: sent when on, absent when off
    active: payload.active ?? false,
  }
}

/**
 * The store's discount codes in the dashboard, beside its orders: the list
 * for every member, and creating, changing and deactivating a code for
 * those who work the orders.
 */
export default class DiscountCodesController {
  async index(ctx: HttpContext) {
    const list = parseDiscountListQuery(ctx.request.qs())
    const { discounts, pagination } = await listDiscountCodesPage(list)
    const path = router.makeUrl('discount_codes.index')
    const locale = ctx.i18n.locale
    const state = {
      rows: discounts.map((discount) => discountCodeRow(discount, locale)),
      table: {
        id: TABLE_ID,
        path,
        params: listParams({ ...list, page: pagination.page }, DISCOUNT_LIST_DEFAULTS),
        sort: list.sort,
        dir: list.dir,
        filters: list.filters,
        pagination,
        filtered: Object.keys(list.filters).length > 0,
        clearHref: listHref(path, {}),
      },
    }
    if (wantsJson(ctx)) {
      return {
        discountCodes: state.rows.map((row) => ({
          id: row.id,
          code: row.code,
          kind: row.kind,
          active: row.active,
          timesUsed: row.timesUsed,
          usageLimit: row.usageLimit,
        })),
      }
    }
    if (wantsFragment(ctx, TABLE_ID)) {
      return ctx.view.render('orders/discounts/partials/discounts_table', state)
    }
    return ctx.view.render('orders/discounts/index', state)
  }

  async create(ctx: HttpContext) {
    return renderForm(ctx, null)
  }

  async store(ctx: HttpContext) {
    const discount = await submitOrderForm(ctx, {
      validator: discountCodeValidator,
      render: (form) => renderForm(ctx, null, form),
      action: (payload) => new CreateDiscountCode().handle(inputOf(ctx, payload)),
    })
    if (wantsJson(ctx)) {
      ctx.response.status(201)
      return { discountCode: { id: discount.id, code: discount.code } }
    }
    flashMessage(ctx, 'success', say('discounts.created', { code: discount.code }))
    return ctx.response.redirect().status(303).toPath(router.makeUrl('discount_codes.index'))
  }

  async edit(ctx: HttpContext) {
    return renderForm(ctx, await discountOrFail(ctx.params.id))
  }

  async update(ctx: HttpContext) {
    const existing = await discountOrFail(ctx.params.id)
    const discount = await submitOrderForm(ctx, {
      validator: discountCodeValidator,
      render: (form) => renderForm(ctx, existing, form),
      action: (payload) => new UpdateDiscountCode().handle(existing.id, inputOf(ctx, payload)),
    })
    if (wantsJson(ctx)) return { discountCode: { id: discount.id, code: discount.code } }
    flashMessage(ctx, 'success', say('discounts.updated', { code: discount.code }))
    return ctx.response.redirect().status(303).toPath(router.makeUrl('discount_codes.index'))
  }

  /** Deactivates the code: it stays, with its uses, for the orders that used it */
  async destroy(ctx: HttpContext) {
    const existing = await discountOrFail(ctx.params.id)
    const discount = await new DeactivateDiscountCode().handle({
      id: existing.id,
      actorUserId: ctx.auth.user?.id ?? null,
    })
    if (wantsJson(ctx)) return { discountCode: { id: discount.id, active: discount.active } }
    flashMessage(ctx, 'success', say('discounts.deactivated', { code: discount.code }))
    return ctx.response.redirect().status(303).toPath(router.makeUrl('discount_codes.index'))
  }
}
