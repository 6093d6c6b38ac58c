import type { HttpContext } from '@adonisjs/core/http'
import { timingSafeEqual } from 'node:crypto'
import { EMPTY_FORM, consumeAttempt, sha256, type FormState } from '#core/mod'
import { inUnitOfWork } from '#tenancy/mod'
import Order from '../models/order.js'
import { shopLayout } from '../services/cart_page.js'
import {
  formErrorsOf,
  orderLookupValidator,
  refuseShopperForm,
  validateOrderForm,
} from '../validators/orders_validators.js'
import { renderShopperOrder } from './order_confirmations_controller.js'
import { say } from '../orders_messages.js'

async function renderLookup(ctx: HttpContext, form: FormState = EMPTY_FORM) {
  return ctx.view.render('storefront/orders/lookup', { ...(await shopLayout(ctx)), form })
}

const digestOf = (email: string) => Buffer.from(sha256(email.trim().toLowerCase()), 'hex')
/** Compared against when no order has the number, so both misses cost the same */
const NOBODY = digestOf('nobody@invalid')

/**
 * "Where is my order?": the shopper's email and order number open the
 * order's page. A wrong number and a wrong email get the same answer after
 * the same work (one indexed read, one constant-time comparison), and the
 * form is rate-limited per address and per email (the throttle middleware)
 * and per address alone here, so neither can be guessed.
 */
export default class OrderLookupsController {
  async create(ctx: HttpContext) {
    return renderLookup(ctx)
  }

  async store(ctx: HttpContext) {
    const refuse = (status: number, errors: Record<string, string>) =>
      refuseShopperForm(ctx, status, errors, (form) => renderLookup(ctx, form))

    const retryAfter = await consumeAttempt('orderLookup', `${ctx.request.ip()}:any-address`)
    if (retryAfter !== null) {
      ctx.response.header('Retry-After', String(retryAfter))
      return refuse(429, { form: ctx.i18n.t('errors.too_many_requests', { seconds: retryAfter }) })
    }
    let payload
    try {
      payload = await validateOrderForm(ctx, orderLookupValidator)
    } catch (error) {
      const errors = formErrorsOf(error)
      if (!errors) throw error
      return refuse(422, errors)
    }
    const order = await inUnitOfWork(() =>
      Order.query().where('number', payload.orderNumber).select('id', 'email').first()
    )
    const matches = timingSafeEqual(order ? digestOf(order.email) : NOBODY, digestOf(payload.email))
    if (!order || !matches) return refuse(422, { form: say('lookup.not_found') })
    return renderShopperOrder(ctx, order.id)
  }
}
