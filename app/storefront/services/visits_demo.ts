import { randomUUID } from 'node:crypto'
import { clock } from '#core/mod'
import { currentClient, currentTenant } from '#tenancy/mod'
import type { DeviceClass } from './visits_rules.js'

/** [source, medium, campaign, referrer host, landings over 30 days] */
const DEMO_SOURCES: [string, string, string | null, string | null, number][] = [
  ['google', 'cpc', 'eid-sale', 'google.com', 120],
  ['instagram', 'social', 'summer-drop', 'instagram.com', 90],
  ['newsletter', 'email', 'weekly-picks', null, 45],
  ['direct', 'none', null, null, 70],
  ['blog.example.com', 'referral', null, 'blog.example.com', 25],
  ['facebook.com', 'referral', null, 'facebook.com', 20],
]
const PATHS = [
  '/',
  '/categories/coffee',
  '/products/cotton-tee',
  '/products/ceramic-mug',
  '/search',
]
const DEVICES: DeviceClass[] = ['mobile', 'mobile', 'mobile', 'desktop', 'tablet']
/** Which touches the demo orders get, in turn: [first, last] */
const ORDER_TOUCHES: [number, number][] = [
  [1, 0],
  [0, 0],
  [2, 2],
  [3, 1],
]

/** A small repeatable sequence, so the demo looks the same every time it is seeded */
function sequence(seed: number) {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

/**
 * A month of storefront visits in the current store from several sources,
 * each landing followed by a page or two inside the store, and the store's
 * orders credited to first and last touches. Once: a store with visits is
 * left alone.
 */
export async function seedDemoVisits() {
  const client = currentClient()
  if (await client.from('visits').where('tenant_id', currentTenant().id).first()) return
  const random = sequence(42)
  const now = clock.now().toUTC()
  const rows = []
  for (const [source, medium, campaign, referrer, landings] of DEMO_SOURCES) {
    for (let n = 0; n < landings; n++) {
      const at = now.minus({ minutes: Math.floor(random() * 30 * 24 * 60) })
      const visitor = `h${Math.floor(random() * 1e15)
        .toString(16)
        .padStart(31, '0')}`.slice(0, 32)
      const device = DEVICES[Math.floor(random() * DEVICES.length)]
      const utm = medium === 'referral' || source === 'direct'
      const base = {
        tenant_id: currentTenant().id,
        device,
        visitor_hash: visitor,
        utm_source: utm ? null : source,
        utm_medium: utm ? null : medium,
        utm_campaign: utm ? null : campaign,
      }
      rows.push({
        ...base,
        id: randomUUID(),
        occurred_at: at.toISO(),
        path: PATHS[Math.floor(random() * PATHS.length)],
        landing: true,
        source,
        medium,
        campaign,
        referrer_host: referrer,
      })
      for (let view = 0; view < Math.floor(random() * 3); view++) {
        rows.push({
          ...base,
          id: randomUUID(),
          occurred_at: at.plus({ minutes: view + 1 }).toISO(),
          path: PATHS[Math.floor(random() * PATHS.length)],
          landing: false,
          source: null,
          medium: null,
          campaign: null,
          referrer_host: null,
        })
      }
    }
  }
  for (let start = 0; start < rows.length; start += 500) {
    await client.table('visits').multiInsert(rows.slice(start, start + 500))
  }

  const orders = await client
    .from('orders')
    .where('tenant_id', currentTenant().id)
    .whereNull('last_touch_source')
    .orderBy('number', 'asc')
    .select('id')
  for (const [index, order] of orders.entries()) {
    const [first, last] = ORDER_TOUCHES[index % ORDER_TOUCHES.length].map((at) => DEMO_SOURCES[at])
    await client
      .from('orders')
      .where('tenant_id', currentTenant().id)
      .where('id', order.id)
      .update({
        first_touch_source: first[0],
        first_touch_medium: first[1],
        first_touch_campaign: first[2],
        last_touch_source: last[0],
        last_touch_medium: last[1],
        last_touch_campaign: last[2],
      })
  }
}
