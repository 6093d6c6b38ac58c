/**
 * HTTP throughput of the main page kinds next to the bare `/health` route,
 * interleaved in the same run (absolute req/s drift between runs on this
 * machine; the ratio is the figure to compare).
 *
 * Expects a running server at BENCH_URL (bin/bench.js starts one) on the
 * development database with the demo data (`npm start` or `node ace db:seed`).
 * Prints `BENCH_RESULT <json>` as its last line.
 */
import autocannon from 'autocannon'
import { signInAsDemoOwner } from './demo_session.js'

const BASE = process.env.BENCH_URL ?? 'http://localhost:3390'
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)

interface Target {
  label: string
  path: string
  headers?: Record<string, string>
}

async function measure(target: Target) {
  // A slow page's queued requests would still be answered during the next run: let them drain
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const result = await autocannon({
    url: `${BASE}${target.path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: target.headers,
  })
  return {
    label: target.label,
    rps: result.requests.mean,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count])
    ),
  }
}

async function check(target: Target) {
  const response = await fetch(`${BASE}${target.path}`, {
    headers: target.headers,
    redirect: 'manual',
  })
  await response.arrayBuffer()
  if (response.status !== 200) {
    throw new Error(`${target.label} (${target.path}) answered ${response.status}, not 200`)
  }
}

/**
 * A demo product's and category's pages, kept (the page cache as shoppers
 * meet it) and uncached (rendered every time: the header works only on a
 * server started with BENCH_PAGE_CACHE_BYPASS, as bin/bench.js does)
 */
async function pageCacheTargets(): Promise<Target[]> {
  const home = await (await fetch(`${BASE}/s/demo`)).text()
  const first = (kind: string) => {
    const match = new RegExp(`href="(/s/demo/${kind}/[^"?]+)"`).exec(home)
    if (!match) throw new Error(`the demo home page links no ${kind}: is the demo data seeded?`)
    return match[1]
  }
  const uncached = { 'x-bench-page-cache': 'bypass' }
  const product = first('products')
  const category = first('categories')
  return [
    { label: 'product page, kept', path: product },
    { label: 'product page, uncached', path: product, headers: uncached },
    { label: 'category page, kept', path: category },
    { label: 'category page, uncached', path: category, headers: uncached },
  ]
}

/** The server must say what the cache did, or the uncached figures would be kept ones */
async function checkCache(target: Target) {
  const expected = target.headers?.['x-bench-page-cache'] ? 'bypass' : 'hit'
  await fetch(`${BASE}${target.path}`, { headers: target.headers }).then((r) => r.arrayBuffer())
  const response = await fetch(`${BASE}${target.path}`, { headers: target.headers })
  await response.arrayBuffer()
  const status = response.headers.get('x-cache')
  if (status !== expected) {
    throw new Error(
      `${target.label}: X-Cache ${status ?? 'absent'}, not ${expected} (start the server with BENCH_PAGE_CACHE_BYPASS=true)`
    )
  }
}

const cookie = await signInAsDemoOwner(BASE)
const bare: Target = { label: 'bare /health', path: '/health' }
const kept = await pageCacheTargets()
for (const target of kept) await checkCache(target)
// The slow signed-in page last: its backlog would weigh on the run after it
const pages: Target[] = [
  { label: 'storefront /s/demo', path: '/s/demo' },
  ...kept,
  { label: 'signed-in /dashboard', path: '/dashboard', headers: { cookie } },
]
const subdomain: Target = {
  label: 'subdomain / (Host: demo.localhost)',
  path: '/',
  headers: { host: 'demo.localhost' },
}
for (const target of [bare, ...pages, subdomain]) await check(target)

console.log(
  `autocannon: ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds, ${BASE}`
)
// Short warm-up so the first measured run does not pay for JIT and view compilation.
for (const target of [bare, ...pages, subdomain]) {
  await autocannon({
    url: `${BASE}${target.path}`,
    connections: 10,
    duration: 2,
    headers: target.headers,
  })
}

type Row = Awaited<ReturnType<typeof measure>> & { round: number; ratio: number }
const rows: Row[] = []
for (let round = 1; round <= ROUNDS; round++) {
  const base = await measure(bare)
  rows.push({ ...base, round, ratio: 1 })
  const extra = round === 1 ? [...pages, subdomain] : pages
  for (const target of extra) {
    const row = await measure(target)
    rows.push({ ...row, round, ratio: row.rps / base.rps })
  }
}

for (const row of rows) {
  console.log(
    `round ${row.round}  ${row.label.padEnd(36)} ${row.rps.toFixed(0).padStart(6)} req/s  ` +
      `${(row.ratio * 100).toFixed(1).padStart(5)} % of bare  p99 ${row.p99} ms  ` +
      `errors ${row.errors} non-2xx ${row.non2xx} ${JSON.stringify(row.statusCodes)}`
  )
}
const broken = rows.filter((row) => row.non2xx + row.errors > row.requests * 0.01)
for (const row of broken) {
  console.log(
    `WARNING: round ${row.round} ${row.label}: ${row.non2xx} non-2xx, ${row.errors} errors: figure not valid`
  )
}
const storefront = rows.filter((row) => row.label.startsWith('storefront'))
const storefrontRatio = storefront.reduce((sum, row) => sum + row.ratio, 0) / storefront.length
console.log(
  `storefront / bare: ${(storefrontRatio * 100).toFixed(1)} % (target ≥ 50 %: ${storefrontRatio >= 0.5 ? 'met' : 'NOT met'})`
)
const ratioOf = (label: string) => {
  const matching = rows.filter((row) => row.label === label)
  return matching.reduce((sum, row) => sum + row.ratio, 0) / matching.length
}
const pageCache = {
  productKept: ratioOf('product page, kept'),
  productUncached: ratioOf('product page, uncached'),
  categoryKept: ratioOf('category page, kept'),
  categoryUncached: ratioOf('category page, uncached'),
}
const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`
console.log(
  `product page / bare: kept ${percent(pageCache.productKept)} (target ≥ 60 %: ${pageCache.productKept >= 0.6 ? 'met' : 'NOT met'}), ` +
    `uncached ${percent(pageCache.productUncached)} (target ≥ 30 %: ${pageCache.productUncached >= 0.3 ? 'met' : 'NOT met'}); ` +
    `category page: kept ${percent(pageCache.categoryKept)}, uncached ${percent(pageCache.categoryUncached)}`
)
console.log(
  'BENCH_RESULT ' +
    JSON.stringify({
      base: BASE,
      connections: CONNECTIONS,
      seconds: SECONDS,
      rows,
      storefrontRatio,
      pageCache,
      invalid: broken.map((row) => `${row.round}:${row.label}`),
    })
)
