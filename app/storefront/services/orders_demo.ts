import { shopProduct } from '#catalog/mod'
import { currentTenant } from '#tenancy/mod'
import Order, { type OrderStatus } from '../models/order.js'
import PlaceOrder, { type Shopper } from '../operations/place_order.js'
import ChangeOrderStatus from '../operations/change_order_status.js'
import { priceCart } from './cart_lines.js'
import { checkoutSettings } from './checkout_settings.js'
import { checkoutTotals } from './checkout_totals.js'

type DemoShopper = Pick<Shopper, 'fullName' | 'phone' | 'country' | 'city' | 'addressLine1'>

/** Who buys from a demo store: people where a store selling in that currency would ship */
const SHOPPERS: Record<string, DemoShopper[]> = {
  KWD: [
    ['Layla Hassan', 'Kuwait City'],
    ['Omar Saleh', 'Salmiya'],
    ['Noor Ali', 'Hawalli'],
    ['Yousef Karim', 'Jahra'],
  ].map(([fullName, city]) => ({
    fullName,
    city,
    country: 'KW',
    phone: '+965 5000 1234',
    addressLine1: 'Block 4, Street 10, House 22',
  })),
  EUR: [
    ['Camille Laurent', 'Lyon', '12 rue de la République', 'FR', '+33 6 12 34 56 78'],
    ['Lukas Becker', 'Berlin', 'Torstraße 48', 'DE', '+49 151 2345 6789'],
    ['Sofia Romano', 'Milan', 'Via Torino 21', 'IT', '+39 312 345 6789'],
    ['Marta Ruiz', 'Madrid', 'Calle de Alcalá 115', 'ES', '+34 612 345 678'],
  ].map(([fullName, city, addressLine1, country, phone]) => ({
    fullName,
    city,
    addressLine1,
    country,
    phone,
  })),
  USD: [
    ['Emma Johnson', 'Portland', '1420 NW Lovejoy St'],
    ['Daniel Lee', 'Austin', '809 E 6th St'],
    ['Grace Miller', 'Chicago', '233 S Wacker Dr'],
    ['Ethan Brown', 'Denver', '1701 Wynkoop St'],
  ].map(([fullName, city, addressLine1]) => ({
    fullName,
    city,
    addressLine1,
    country: 'US',
    phone: '+1 503 555 0142',
  })),
}

/** [product slug, quantity, where the order is now] */
const DEMO_ORDERS: [string, number, OrderStatus[]][] = [
  ['cotton-tee', 2, []],
  ['ceramic-mug', 1, ['paid']],
  ['canvas-tote', 3, ['paid', 'fulfilled']],
  ['cardamom-coffee-500-g', 1, ['cancelled']],
]

/**
 * A few orders in the current store's demo catalog, in each state, once:
 * placed through the checkout's own operation, so stock and numbers move
 * as they would for a shopper.
 */
export async function seedDemoOrders() {
  if (await Order.query().select('id').first()) return
  const settings = await checkoutSettings()
  const shoppers = SHOPPERS[currentTenant().defaultCurrency] ?? SHOPPERS.USD
  for (const [index, [slug, quantity, statuses]] of DEMO_ORDERS.entries()) {
    const shopper = shoppers[index % shoppers.length]
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
        ...shopper,
        email: `${shopper.fullName.split(' ')[0].toLowerCase()}@shopper.test`,
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
