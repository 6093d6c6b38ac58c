import db from '@adonisjs/lucid/services/db'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import { currentClient, UpdateStoreSettings, withTenant } from '#tenancy/mod'
import { unique, type TestStore } from '#tests/helpers'
import { seedProduct } from '../catalog/support.js'

export const VISITOR_COOKIE = 'bazaar_cart'

/** Where a store's pages are on the platform's host */
export const shopOf = (fixture: TestStore) => `/s/${fixture.store.slug}`

/** The visitor id the response's cart cookie carries (decrypted), or null */
export function visitorIn(response: ApiResponse): string | null {
  const cookie = response.cookie(VISITOR_COOKIE)
  return typeof cookie?.value === 'string' ? cookie.value : null
}

/** A form sent by a shopper with the cart cookie `visitor` (when given), redirects not followed */
export function asShopper(
  client: ApiClient,
  method: 'get' | 'post' | 'patch' | 'delete',
  url: string,
  visitor: string | null,
  form?: Record<string, unknown>
) {
  let request = client.request(url, method.toUpperCase() as 'GET').redirects(0)
  if (visitor) request = request.withEncryptedCookie(VISITOR_COOKIE, visitor)
  if (form) request = request.form(form)
  return request
}

/** Adds `quantity` of a variant to a cart (a new one unless `visitor`), returning the visitor */
export async function addToCart(
  client: ApiClient,
  fixture: TestStore,
  variantId: string,
  quantity = 1,
  visitor: string | null = null
) {
  const response = await asShopper(client, 'post', `${shopOf(fixture)}/cart/items`, visitor, {
    variantId,
    quantity: String(quantity),
  })
  if (response.status() !== 303) {
    throw new Error(`adding to the cart answered ${response.status()}: ${response.text()}`)
  }
  return visitor ?? visitorIn(response)!
}

/** A checkout form that passes validation, for a total of `expectedTotal` minor units */
export function checkoutForm(
  expectedTotal: bigint | string,
  overrides: Record<string, unknown> = {}
) {
  return {
    email: 'shopper@example.test',
    fullName: 'Sara Shopper',
    phone: '+965 5000 1234',
    country: 'KW',
    city: 'Kuwait City',
    addressLine1: 'Block 3, Street 12, House 7',
    addressLine2: '',
    note: '',
    expectedTotal: String(expectedTotal),
    ...overrides,
  }
}

export function checkout(
  client: ApiClient,
  fixture: TestStore,
  visitor: string | null,
  form: Record<string, unknown>
) {
  return asShopper(client, 'post', `${shopOf(fixture)}/checkout`, visitor, form)
}

/** The store's checkout settings, written as the store */
export async function setCheckout(
  fixture: TestStore,
  settings: { shippingAmount?: bigint; taxRateBp?: number; pricesIncludeTax?: boolean }
) {
  await withTenant(fixture.store, async () => {
    await currentClient().rawQuery(
      `INSERT INTO storefront_settings (tenant_id, shipping_amount, tax_rate_bp, prices_include_tax)
       VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET shipping_amount = EXCLUDED.shipping_amount,
         tax_rate_bp = EXCLUDED.tax_rate_bp, prices_include_tax = EXCLUDED.prices_include_tax`,
      [
        fixture.store.id,
        String(settings.shippingAmount ?? 0n),
        settings.taxRateBp ?? 0,
        settings.pricesIncludeTax ?? false,
      ]
    )
  })
}

/** Switches a store to `currency` (products created after it are priced in it) */
export async function useCurrency(fixture: TestStore, currency: string) {
  await withTenant(fixture.store, () =>
    new UpdateStoreSettings().handle({
      actorUserId: fixture.owner.id,
      storeName: fixture.store.name,
      defaultCurrency: currency,
      defaultLocale: 'en',
      tagline: '',
    })
  )
  fixture.store = { ...fixture.store, defaultCurrency: currency }
}

/** One active product with one variant, returning the variant's id */
export async function productFor(
  fixture: TestStore,
  options: { title?: string; stock?: number; price?: bigint } = {}
) {
  const { variants } = await seedProduct(fixture, { title: unique('Item '), ...options })
  return variants[0].id
}

const platform = () => db.connection('platform')

export function ordersOf(fixture: TestStore) {
  return platform().from('orders').where('tenant_id', fixture.store.id).orderBy('number', 'asc')
}

export function orderLinesOf(fixture: TestStore) {
  return platform()
    .from('order_lines')
    .where('tenant_id', fixture.store.id)
    .orderBy('position', 'asc')
}

export async function stockOf(fixture: TestStore, variantId: string) {
  const row = await platform()
    .from('product_variants')
    .where({ tenant_id: fixture.store.id, id: variantId })
    .first()
  return row.stock as number
}

export function movementsOf(fixture: TestStore, variantId: string) {
  return platform()
    .from('stock_movements')
    .where({ tenant_id: fixture.store.id, variant_id: variantId })
    .orderBy('created_at', 'asc')
}

/** An order placed through the checkout, as a shopper would: its row */
export async function placeOrder(
  client: ApiClient,
  fixture: TestStore,
  options: { variantId?: string; quantity?: number; email?: string } = {}
) {
  const variantId = options.variantId ?? (await productFor(fixture, { stock: 20, price: 1000n }))
  const visitor = await addToCart(client, fixture, variantId, options.quantity ?? 1)
  const page = await asShopper(client, 'get', `${shopOf(fixture)}/checkout`, visitor)
  const total = /name="expectedTotal" value="(\d+)"/.exec(page.text())![1]
  const placed = await checkout(
    client,
    fixture,
    visitor,
    checkoutForm(total, options.email ? { email: options.email } : {})
  )
  if (placed.status() !== 303) throw new Error(`checkout answered ${placed.status()}`)
  const orders = await ordersOf(fixture)
  return { order: orders.at(-1), variantId }
}
