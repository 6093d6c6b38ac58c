import { moneyJson } from '#core/mod'
import type Order from '../models/order.js'
import type OrderLine from '../models/order_line.js'

function moneyShape(amount: bigint, currency: string) {
  return moneyJson({ amount, currency })
}

/** Each status the order reached, when, oldest first */
function statusHistory(order: Order) {
  const stamps = [
    ['pending', order.placedAt],
    ['paid', order.paidAt],
    ['fulfilled', order.fulfilledAt],
    ['cancelled', order.cancelledAt],
    ['refunded', order.refundedAt],
  ] as const
  return stamps
    .filter(([, at]) => at !== null)
    .map(([status, at]) => ({ status, at: at!.toISO() }))
    .sort((a, b) => (a.at! < b.at! ? -1 : a.at! > b.at! ? 1 : 0))
}

/** An order in a list: who, what status, how much */
export function orderSummaryShape(order: Order) {
  const money = (amount: bigint) => moneyShape(amount, order.currency)
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    email: order.email,
    customerName: order.customerName,
    currency: order.currency,
    total: money(order.totalAmount),
    paymentMethod: order.paymentMethod,
    placedAt: order.placedAt.toISO(),
    createdAt: order.createdAt.toISO(),
    updatedAt: order.updatedAt.toISO(),
  }
}

/** The whole order: the list's fields, its lines, totals, address, notes and status history */
export function orderShape(order: Order, lines: OrderLine[]) {
  const money = (amount: bigint) => moneyShape(amount, order.currency)
  return {
    ...orderSummaryShape(order),
    phone: order.phone,
    shippingAddress: {
      line1: order.addressLine1,
      line2: order.addressLine2,
      city: order.city,
      country: order.country,
    },
    customerNote: order.customerNote,
    notes: order.notes,
    locale: order.locale,
    lines: lines.map((line) => ({
      id: line.id,
      productId: line.productId,
      variantId: line.variantId,
      title: line.title,
      variantLabel: line.variantLabel,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceAmount),
      lineTotal: money(line.lineTotalAmount),
    })),
    subtotal: money(order.subtotalAmount),
    discount: order.discountCode
      ? { code: order.discountCode, ...money(order.discountAmount) }
      : null,
    shipping: money(order.shippingAmount),
    tax: { ...money(order.taxAmount), rateBp: order.taxRateBp, included: order.pricesIncludeTax },
    charged: order.chargedAmount === null ? null : money(order.chargedAmount),
    nextStatuses: order.nextStatuses,
    stockReturned: order.stockReturned,
    statusHistory: statusHistory(order),
  }
}
