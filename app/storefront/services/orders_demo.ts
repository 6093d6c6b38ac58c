import { shopProduct } from '#catalog/mod'
import { currentTenant } from '#tenancy/mod'
import Order, { type OrderStatus } from '../models/order.js'
import PlaceOrder from '../operations/place_order.js'
import ChangeOrderStatus from '../operations/change_order_status.js'
import { priceCart } from './cart_lines.js'
import { checkoutSettings } from './checkout_settings.js'
import { checkoutTotals } from './checkout_totals.js'

/** [product slug, quantity, who, city, where the order is now] */
const DEMO_ORDERS: [string, number, string, string, OrderStatus[]][] = [
  ['cotton-tee', 2, 'Layla Hassan', 'Kuwait City', []],
  ['ceramic-mug', 1, 'Omar Saleh', 'Salmiya', ['paid']],
  ['canvas-tote', 3, 'Noor Ali', 'Hawalli', ['paid', 'fulfilled']],
  ['cardamom-coffee-500-g', 1, 'Yousef Karim', 'Jahra', ['cancelled']],
]

/**
 * A few orders in the current store's demo catalog, in each state, once:
 * placed through the checkout's own operation, so stock and numbers move
 * as they would for a shopper.
 */
export async function seedDemoOrders() {
  if (await Order.query().select('id').first()) return
  const settings = await checkoutSettings()
  for (const [slug, quantity, name, city, statuses] of DEMO_ORDERS) {
    const product = await shopProduct(slug)
    const variant = product?.variants.find((candidate) => candidate.available)
    if (!product || !variant) continue
    const entries = [{ variantId: variant.id, quantity }]
    const cart = await priceCart(entries, currentTenant().defaultCurrency)
    if (!cart.orderable) continue
    const totals = checkoutTotals(
      cart.lines.map((line) => ({ unitPrice: line.unitPrice, quantity: line.quantity })),
      cart.currency,
      settings
    )
    const { order } = await new PlaceOrder().handle({
      entries,
      shopper: {
        email: `${name.split(' ')[0].toLowerCase()}@shopper.test`,
        fullName: name,
        phone: '+965 5000 1234',
        country: 'KW',
        city,
        addressLine1: 'Block 4, Street 10, House 22',
        addressLine2: '',
        note: '',
      },
      expectedTotal: totals.total.amount,
      locale: currentTenant().defaultLocale,
    })
    for (const status of statuses) {
      await new ChangeOrderStatus().handle({ orderId: order.id, status, actorUserId: null })
    }
  }
}
