import emitter from '@adonisjs/core/services/emitter'
import { Conflict, Invalid, formatMoney, type Money } from '#core/mod'
import { OutOfStock, ReserveStock } from '#catalog/mod'
import { currentClient, currentTenant, inUnitOfWork } from '#tenancy/mod'
import Order, { type PaymentMethod } from '../models/order.js'
import OrderLine from '../models/order_line.js'
import type { CartEntry } from '../services/cart_store.js'
import { priceCart } from '../services/cart_lines.js'
import { checkoutSettings } from '../services/checkout_settings.js'
import { checkoutTotals, type CheckoutTotals } from '../services/checkout_totals.js'
import { say } from '../orders_messages.js'
import { cardCharge, cardPaymentsConfigured, sayCard } from '../services/card_payments.js'
import { redeemDiscount, lockedDiscount } from './discount_redemption.js'

export interface Shopper {
  email: string
  fullName: string
  phone: string
  country: string
  city: string
  addressLine1: string
  addressLine2: string
  note: string
}

export interface PlaceOrderInput {
  entries: CartEntry[]
  shopper: Shopper
  /** The total the shopper was shown, in minor units */
  expectedTotal: bigint
  /** The language the shopper ordered in */
  locale: string
  /** The discount code the shopper entered, if any */
  discountCode?: string | null
  /** Pay on delivery unless the shopper chose the card (the store's Stripe account) */
  paymentMethod?: PaymentMethod
}

/** The prices moved since the shopper saw the total: here is the new one, to confirm */
export class PriceChanged extends Conflict {
  constructor(
    public total: Money,
    locale: string
  ) {
    super(say('checkout.errors.price_changed', { total: formatMoney(total, locale) }), 'cart')
  }
}

/** The next number of the current store's orders: 1, 2, 3 …, held by this transaction */
async function nextOrderNumber(): Promise<number> {
  const { rows } = await currentClient().rawQuery(
    `INSERT INTO order_counters (tenant_id, last_number) VALUES (?, 1)
     ON CONFLICT (tenant_id) DO UPDATE SET last_number = order_counters.last_number + 1
     RETURNING last_number`,
    [currentTenant().id]
  )
  return Number(rows[0].last_number)
}

/**
 * A shopper's cart becomes an order, in one transaction: prices and stock
 * are read again, and the order is refused (nothing written) when the cart
 * is empty, a line cannot be ordered, the total is not the one the shopper
 * was shown, or the stock runs out while it is taken (ReserveStock takes
 * every line or none). The order's number comes from the store's counter
 * row, which the transaction holds until it commits, so numbers follow each
 * other without gaps or repeats however many shoppers check out at once.
 */
export default class PlaceOrder {
  async handle(input: PlaceOrderInput): Promise<{ order: Order; lines: OrderLine[] }> {
    return inUnitOfWork(async () => {
      const tenant = currentTenant()
      if (input.entries.length === 0) throw new Invalid(say('checkout.errors.empty'), 'cart')
      if (input.paymentMethod === 'card' && !(await cardPaymentsConfigured())) {
        throw new Invalid(sayCard('errors.card_not_offered'), 'payment')
      }
      const cart = await priceCart(input.entries, tenant.defaultCurrency)
      if (cart.lines.length === 0) throw new Invalid(say('checkout.errors.empty'), 'cart')
      const refused = cart.lines.find((line) => line.problem !== null)
      if (refused) throw new Conflict(refused.problem!, 'cart')

      const priced = cart.lines.map((line) => ({
        unitPrice: line.unitPrice,
        quantity: line.quantity,
      }))
      const settings = await checkoutSettings()
      const discount = input.discountCode
        ? await lockedDiscount(input.discountCode, input.shopper.email, input.locale, () =>
            checkoutTotals(priced, cart.currency, settings)
          )
        : null
      const totals = checkoutTotals(priced, cart.currency, settings, discount?.rule ?? null)
      if (totals.total.amount !== input.expectedTotal) {
        throw new PriceChanged(totals.total, input.locale)
      }

      const number = await nextOrderNumber()
      let reserved: Set<string>
      try {
        const result = await new ReserveStock().handle({
          lines: cart.lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
          actorUserId: null,
          note: say('checkout.stock_note', { number }),
        })
        reserved = new Set(result.reserved)
      } catch (error) {
        if (!(error instanceof OutOfStock)) throw error
        const line = cart.lines.find((candidate) => candidate.variantId === error.variantId)!
        const name = line.label ? `${line.title} (${line.label})` : line.title
        throw new Conflict(
          error.available === 0
            ? say('cart.errors.sold_out', { name })
            : say('cart.errors.only_left', { name, count: error.available }),
          'cart'
        )
      }

      const order = await Order.create({
        number,
        status: 'pending',
        email: input.shopper.email,
        customerName: input.shopper.fullName,
        phone: input.shopper.phone,
        country: input.shopper.country,
        city: input.shopper.city,
        addressLine1: input.shopper.addressLine1,
        addressLine2: input.shopper.addressLine2,
        customerNote: input.shopper.note,
        notes: '',
        ...paymentOf(input.paymentMethod ?? 'cash_on_delivery', totals),
        locale: input.locale,
        ...amountsOf(totals),
        discountCode: discount?.code ?? null,
        stockReturned: false,
      })
      if (discount) await redeemDiscount(discount, order, totals.discount)
      const lines = await OrderLine.createMany(
        cart.lines.map((line, index) => ({
          orderId: order.id,
          variantId: line.variantId,
          productId: line.productId,
          title: line.title,
          variantLabel: line.label,
          sku: line.sku,
          unitPriceAmount: line.unitPrice.amount,
          quantity: line.quantity,
          lineTotalAmount: totals.lineTotals[index].amount,
          stockReserved: reserved.has(line.variantId),
          position: index,
        }))
      )
      await emitter.emit('storefront:order_placed', {
        tenantId: tenant.id,
        actorUserId: null,
        orderId: order.id,
        number,
        total: totals.total,
        email: order.email,
        lineCount: lines.length,
        units: cart.count,
      })
      return { order, lines }
    })
  }
}

/** A card order records, from the start, what its card is charged (see cardCharge) */
function paymentOf(paymentMethod: PaymentMethod, totals: CheckoutTotals) {
  if (paymentMethod !== 'card') return { paymentMethod }
  const { charged, rounding } = cardCharge(totals.total)
  return { paymentMethod, chargedAmount: charged.amount, chargeRoundingAmount: rounding.amount }
}

function amountsOf(totals: CheckoutTotals) {
  return {
    currency: totals.currency,
    subtotalAmount: totals.subtotal.amount,
    shippingAmount: totals.shipping.amount,
    discountAmount: totals.discount.amount,
    taxAmount: totals.tax.amount,
    totalAmount: totals.total.amount,
    taxRateBp: totals.taxRateBp,
    pricesIncludeTax: totals.pricesIncludeTax,
  }
}
