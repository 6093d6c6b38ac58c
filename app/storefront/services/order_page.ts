import type { HttpContext } from '@adonisjs/core/http'
import type Order from '../models/order.js'
import type OrderLine from '../models/order_line.js'
import { taxRateText } from './checkout_totals.js'
import { regionName } from './checkout_countries.js'

/**
 * An order as its pages show it (the shopper's confirmation and the
 * dashboard's detail): amounts as money, the tax with its rate, the
 * address in lines, dates in the viewer's language.
 */
export function orderView(ctx: HttpContext, order: Order, lines: OrderLine[]) {
  const locale = ctx.i18n.locale
  const money = (amount: bigint) => order.money(amount)
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    email: order.email,
    customerName: order.customerName,
    phone: order.phone,
    customerNote: order.customerNote,
    notes: order.notes,
    placedAt: order.placedAt.toISO() ?? '',
    placedText: order.placedAt
      .setLocale(locale)
      .toLocaleString({ dateStyle: 'medium', timeStyle: 'short' }),
    address: [
      order.addressLine1,
      order.addressLine2,
      order.city,
      regionName(order.country, locale),
    ].filter(Boolean),
    lines: lines.map((line) => ({
      id: line.id,
      title: line.title,
      label: line.variantLabel,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceAmount),
      lineTotal: money(line.lineTotalAmount),
    })),
    subtotal: money(order.subtotalAmount),
    discountCode: order.discountCode,
    discount: money(order.discountAmount),
    shipping: money(order.shippingAmount),
    tax: money(order.taxAmount),
    total: money(order.totalAmount),
    taxRateBp: order.taxRateBp,
    taxLabel: ctx.i18n.t(
      order.pricesIncludeTax ? 'orders.totals.tax_included' : 'orders.totals.tax_added',
      { rate: taxRateText(order.taxRateBp, locale) }
    ),
    nextStatuses: order.nextStatuses,
    paymentMethod: order.paymentMethod,
    charged: order.chargedAmount === null ? null : money(order.chargedAmount),
    chargeRounding: order.chargeRoundingAmount === null ? null : money(order.chargeRoundingAmount),
  }
}
