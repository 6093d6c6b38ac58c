/**
 * Checkout against one hot product: BENCH_BUYERS (50) shoppers at once, each
 * filling a cart and placing a pay-on-delivery order over HTTP, again and
 * again, until the BENCH_CHECKOUT_STOCK (300) units are sold out or
 * BENCH_SECONDS pass. Reports orders/s, checkout latency, and what the
 * database holds afterwards: orders, stock and sale movements, so an oversold
 * unit would show.
 *
 * Expects the bench server at BENCH_URL; boots the app in-process only to
 * create a fresh store with the product and to count, then deletes it.
 * Prints `BENCH_RESULT <json>` as its last line.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { bootApp, percentile } from './boot.js'

const BASE = process.env.BENCH_URL ?? 'http://localhost:3390'
const BUYERS = Number(process.env.BENCH_BUYERS ?? 50)
const STOCK = Number(process.env.BENCH_CHECKOUT_STOCK ?? 300)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const PRICE = 1250n

const app = await bootApp()
const { provisionStore } = await import('#identity/mod')
const { DeleteStore, withTenant } = await import('#tenancy/mod')
const { CreateProduct, variantCombinations } = await import('#catalog/mod')
const { default: SetPlan } = await import('#billing/operations/set_plan')
const { default: db } = await import('@adonisjs/lucid/services/db')

const RUN = randomBytes(3).toString('hex')
const slug = `bench-checkout-${RUN}`
const shop = `${BASE}/s/${slug}`

/** The cart cookie a response sets, as `name=value` to send back */
function cartCookieOf(response: Response) {
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('bazaar_cart='))
  if (!cookie) throw new Error(`no cart cookie (status ${response.status})`)
  return cookie.split(';')[0]
}

async function post(url: string, fields: Record<string, string>, cookie?: string) {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields),
  })
  await response.arrayBuffer()
  return response
}

/** A new cart holding one unit, or null once the product is sold out (the cart refuses it) */
async function fillCart(variantId: string) {
  const response = await post(`${shop}/cart/items`, { variantId, quantity: '1' })
  if (response.status === 422) return null
  if (response.status !== 303) throw new Error(`adding to the cart answered ${response.status}`)
  return cartCookieOf(response)
}

async function expectedTotal(cookie: string) {
  const page = await fetch(`${shop}/checkout`, { headers: { cookie } })
  const match = /name="expectedTotal" value="(\d+)"/.exec(await page.text())
  if (!match) throw new Error(`no total on the checkout page (status ${page.status})`)
  return match[1]
}

let exitCode = 0
try {
  const { tenant, owner } = await provisionStore({
    name: 'Checkout bench',
    slug,
    owner: { email: `${slug}@example.test`, password: 'bench-password-123' },
    existingOwner: 'refuse',
  })
  await new SetPlan().handle(tenant, 'pro')
  const { variants } = await withTenant(tenant, () =>
    new CreateProduct().handle({
      actorUserId: owner.id,
      title: 'Hot Product',
      status: 'active',
      trackStock: true,
      options: [],
      variants: [
        {
          values: variantCombinations([])[0],
          sku: `HOT-${RUN}`,
          priceAmount: PRICE,
          compareAtAmount: null,
          costAmount: null,
          stock: STOCK,
        },
      ],
    })
  )
  const variantId = variants[0].id
  const total = await expectedTotal((await fillCart(variantId))!)

  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let soldOut = false
  const deadline = performance.now() + SECONDS * 1000
  const started = performance.now()
  let finished = started

  async function buyer(index: number) {
    let attempt = 0
    while (!soldOut && performance.now() < deadline) {
      const cookie = await fillCart(variantId)
      if (!cookie) {
        soldOut = true
        break
      }
      const before = performance.now()
      const response = await post(
        `${shop}/checkout`,
        {
          email: `buyer${index}-${attempt++}@example.test`,
          fullName: 'Bench Buyer',
          phone: '+965 5000 1234',
          country: 'KW',
          city: 'Kuwait City',
          addressLine1: 'Block 3, Street 12, House 7',
          addressLine2: '',
          note: '',
          expectedTotal: total,
        },
        cookie
      )
      const after = performance.now()
      latencies.push(after - before)
      statuses[response.status] = (statuses[response.status] ?? 0) + 1
      if (response.status === 303) finished = after
      // 409: the product is sold out (or, rarely, the cart is held by another tab)
      if (response.status === 409) soldOut = true
    }
  }
  await Promise.all(Array.from({ length: BUYERS }, (_, index) => buyer(index)))

  const placed = statuses['303'] ?? 0
  const seconds = (finished - started) / 1000
  const where = { tenant_id: tenant.id }
  const platform = db.connection('platform')
  const [{ count: orderRows }] = await platform.from('orders').where(where).count('* as count')
  const [{ count: saleRows }] = await platform
    .from('stock_movements')
    .where({ ...where, variant_id: variantId, reason: 'sale' })
    .count('* as count')
  const variantRow = await platform.from('product_variants').where('id', variantId).first()
  const orders = Number(orderRows)
  const stockLeft = Number(variantRow.stock)
  const sorted = [...latencies].sort((a, b) => a - b)
  const summary = {
    buyers: BUYERS,
    stock: STOCK,
    orders,
    placedResponses: placed,
    saleMovements: Number(saleRows),
    stockLeft,
    oversold: Math.max(0, orders - STOCK) + Math.max(0, -stockLeft),
    soldOut,
    seconds,
    ordersPerSecond: orders / seconds,
    checkoutP50Ms: percentile(sorted, 50),
    checkoutP99Ms: percentile(sorted, 99),
    statuses,
  }
  const consistent =
    orders === placed && orders + stockLeft === STOCK && Number(saleRows) === orders
  console.log(
    `checkout: ${orders} orders by ${BUYERS} buyers in ${seconds.toFixed(1)} s ` +
      `(${summary.ordersPerSecond.toFixed(0)} orders/s), checkout p50 ${summary.checkoutP50Ms.toFixed(0)} ms ` +
      `p99 ${summary.checkoutP99Ms.toFixed(0)} ms; stock ${STOCK} → ${stockLeft}, oversold ${summary.oversold}, ` +
      `statuses ${JSON.stringify(statuses)}${consistent ? '' : ' — INCONSISTENT: orders, responses, stock and movements disagree'}`
  )
  if (!consistent) exitCode = 1
  console.log('BENCH_RESULT ' + JSON.stringify({ ...summary, consistent }))
} catch (error) {
  console.error(error)
  exitCode = 1
} finally {
  await new DeleteStore().handle(slug).catch(() => {})
  await db.from('users').where('email', `${slug}@example.test`).delete()
  await app.terminate()
  process.exit(exitCode)
}
