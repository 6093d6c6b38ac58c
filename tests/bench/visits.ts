/**
 * What recording a storefront visit adds to a page: the same store page
 * asked for by a browser (recorded: one RPUSH to Redis) and by a robot
 * (identical page, the bot filter skips the record), interleaved in one
 * run, next to the bare `/health` route.
 *
 * Expects a running server at BENCH_URL with the demo store (`node ace
 * db:seed`). Prints `BENCH_RESULT <json>` as its last line.
 */
import autocannon from 'autocannon'

const BASE = process.env.BENCH_URL ?? 'http://localhost:3390'
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const PAGE = process.env.BENCH_PAGE ?? '/s/demo/'

const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36'
const ROBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

const TARGETS = [
  { label: 'recorded (browser)', path: `${PAGE}?utm_source=bench&utm_medium=cpc`, agent: BROWSER },
  { label: 'not recorded (robot)', path: `${PAGE}?utm_source=bench&utm_medium=cpc`, agent: ROBOT },
  { label: 'bare /health', path: '/health', agent: BROWSER },
]

async function measure(target: (typeof TARGETS)[number]) {
  const result = await autocannon({
    url: `${BASE}${target.path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'user-agent': target.agent },
  })
  return {
    rps: result.requests.mean,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

const runs: Record<string, Awaited<ReturnType<typeof measure>>[]> = {}
for (let round = 0; round < ROUNDS; round++) {
  for (const target of TARGETS) {
    ;(runs[target.label] ??= []).push(await measure(target))
  }
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
const summary = Object.fromEntries(
  Object.entries(runs).map(([label, list]) => [
    label,
    {
      rps: Math.round(mean(list.map((r) => r.rps))),
      p50: mean(list.map((r) => r.p50)),
      p99: mean(list.map((r) => r.p99)),
      non2xx: list.reduce((n, r) => n + r.non2xx, 0),
      errors: list.reduce((n, r) => n + r.errors, 0),
    },
  ])
)
const on = summary['recorded (browser)']
const off = summary['not recorded (robot)']
const figures = {
  connections: CONNECTIONS,
  seconds: SECONDS,
  rounds: ROUNDS,
  summary,
  recordedOverNotRecorded: on.rps / off.rps,
  addedMsPerRequestAtThroughput: 1000 / on.rps - 1000 / off.rps,
}
console.table(summary)
console.log(`BENCH_RESULT ${JSON.stringify(figures)}`)
