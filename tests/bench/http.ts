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

const cookie = await signInAsDemoOwner(BASE)
const bare: Target = { label: 'bare /health', path: '/health' }
const pages: Target[] = [
  { label: 'storefront /s/demo', path: '/s/demo' },
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
console.log(
  'BENCH_RESULT ' +
    JSON.stringify({
      base: BASE,
      connections: CONNECTIONS,
      seconds: SECONDS,
      rows,
      storefrontRatio,
      invalid: broken.map((row) => `${row.round}:${row.label}`),
    })
)
