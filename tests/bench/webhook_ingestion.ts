/**
 * Stripe webhook ingestion: BENCH_WEBHOOK_EVENTS (5,000) signed deliveries to
 * `POST /webhooks/stripe`, BENCH_WEBHOOK_CONCURRENCY (32) at a time, of which
 * 30 % are second deliveries of an event already sent (some still in flight)
 * and 5 % of the distinct events name a Stripe price no plan has yet, so the
 * real applier fails them (the failure an operator meets when a price was
 * created at Stripe before `plan:update --stripe-price`). Once the stream is
 * applied, the price is given to a plan and the failed events are replayed
 * through ApplyWebhookEvent (what `billing:replay --failed` runs), then every
 * event of the run is replayed once more, which must change nothing.
 *
 * Starts its own web server (bin/server.ts, NODE_ENV=production, port
 * BENCH_WEBHOOK_PORT or 3391) and queue worker (`node ace queue:listen`, as
 * bin/run.js does; BENCH_WEBHOOK_WORKERS of them, 1 unless said), on a Redis
 * prefix of their own so no other worker takes
 * the jobs. The server trusts loopback as its proxy and each delivery comes
 * "from" one of Stripe's twelve published webhook addresses
 * (X-Forwarded-For), as behind a load balancer: the `webhook` rate limit
 * then applies per Stripe address, as it would in production.
 *
 * Boots the app in-process to provision the stores and plans, to read the
 * ledger and subscriptions, and to replay; deletes all of it afterwards.
 * Prints `BENCH_RESULT <json>` as its last line.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import Stripe from 'stripe'
import { bootApp, percentile } from './boot.js'

// Long enough to measure the steady rate: a 2,000-delivery run lasts about three
// seconds, the first of them spent warming the server's and the worker's JIT
const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 5000)
const CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 32)
const PORT = String(process.env.BENCH_WEBHOOK_PORT ?? 3391)
/** `queue:listen` processes, each running QUEUE_CONCURRENCY (4 unless set) jobs at once */
const WORKERS = Math.max(1, Number(process.env.BENCH_WEBHOOK_WORKERS ?? 1))
const BASE = `http://localhost:${PORT}`
const DUPLICATE_SHARE = 0.3
const FAILING_SHARE = 0.05
const TS = ['--import=ts-node-maintained/register/esm']
/** https://docs.stripe.com/ips#webhook-notifications */
const STRIPE_WEBHOOK_IPS = [
  '3.18.12.63',
  '3.130.192.231',
  '13.235.14.237',
  '13.235.122.149',
  '18.211.135.69',
  '35.154.171.200',
  '52.15.183.38',
  '54.88.130.119',
  '54.88.130.237',
  '54.187.174.169',
  '54.187.205.235',
  '54.187.216.72',
]

const RUN = randomBytes(3).toString('hex')
// Everything this run starts (server, worker, this process) shares one queue of its own
process.env.REDIS_PREFIX = `bazaar:bench-webhooks-${RUN}:`

const app = await bootApp()
const { provisionStore } = await import('#identity/mod')
const { DeleteStore, withTenant } = await import('#tenancy/mod')
const { CreatePlan, UpdatePlan } = await import('#billing/operations/save_plan')
const { default: ApplyWebhookEvent } = await import('#billing/operations/apply_webhook_event')
const { default: Subscription } = await import('#billing/models/subscription')
const { default: stripeConfig } = await import('#config/stripe')
const { default: db } = await import('@adonisjs/lucid/services/db')

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const EVENT_PREFIX = `evt_bench_${RUN}_`
const secret = stripeConfig.webhookSecret
if (!secret) throw new Error('STRIPE_WEBHOOK_SECRET is not set (run bin/setup.js)')

interface Child {
  process: ChildProcess
  exited: boolean
}

function startChild(args: string[], env: Record<string, string>, ready?: string): Promise<Child> {
  const child = spawn(process.execPath, args, {
    cwd: app.appRoot,
    env: { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  const entry: Child = { process: child, exited: false }
  child.on('exit', () => (entry.exited = true))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${args.join(' ')}: not ready in 60 s`)),
      60_000
    )
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)))
    child.stdout!.on('data', (chunk: Buffer) => {
      if (ready && chunk.toString().includes(ready)) {
        clearTimeout(timer)
        resolve(entry)
      }
    })
    if (!ready) {
      clearTimeout(timer)
      resolve(entry)
    }
  })
}

async function stopChild(child: Child | undefined) {
  if (!child || child.exited) return
  // As bin/run.js: the server and the worker stop on SIGINT to their process group
  try {
    process.kill(-child.process.pid!, 'SIGINT')
  } catch {}
  for (let i = 0; i < 40 && !child.exited; i++) await sleep(250)
  try {
    process.kill(-child.process.pid!, 'SIGKILL')
  } catch {}
}

/** CPU milliseconds (user + system) a process has used so far, from /proc */
async function cpuMsOf(child: Child | undefined) {
  if (!child?.process.pid) return 0
  const { readFile } = await import('node:fs/promises')
  const stat = await readFile(`/proc/${child.process.pid}/stat`, 'utf8').catch(() => '')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // utime and stime, fields 14 and 15 of stat(5), in clock ticks of 10 ms
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/**
 * Sends one delivery on a kept-alive connection. node:http rather than
 * fetch: this process shares the two cores with the server and the worker,
 * and fetch costs it about a millisecond of CPU a request.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
function post(body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      `${BASE}/webhooks/stripe`,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        let answer = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (answer += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: answer }))
        response.on('error', reject)
      }
    )
    request.on('error', reject)
    request.end(body)
  })
}

async function waitForHealth() {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/health`)).ok) return
    } catch {}
    await sleep(250)
  }
  throw new Error(`${BASE}/health did not answer in 60 s`)
}

interface PlannedEvent {
  id: string
  body: string
  storeIndex: number
  created: number
  failing: boolean
}

/** `perStore` customer.subscription.updated events per store, newest last; the newest names `lastPrice` */
function eventsFor(stores: { id: string }[], perStore: number, price: string, lastPrice: string) {
  const base = Math.floor(Date.now() / 1000) - 3600
  const events: PlannedEvent[] = []
  // round robin over the stores, so one store's events arrive in order, mostly
  for (let step = 0; step < perStore; step++) {
    for (const [storeIndex, store] of stores.entries()) {
      const failing = step === perStore - 1
      const created = base + step
      const id = `${EVENT_PREFIX}${storeIndex}_${step}`
      const event = {
        id,
        object: 'event',
        api_version: '2026-10-28.endive',
        created,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type: 'customer.subscription.updated',
        data: {
          object: {
            id: `sub_bench_${RUN}_${storeIndex}`,
            object: 'subscription',
            customer: `cus_bench_${RUN}_${storeIndex}`,
            status: 'active',
            cancel_at_period_end: step % 2 === 1,
            trial_end: null,
            metadata: { tenant_id: store.id },
            items: {
              object: 'list',
              data: [
                {
                  id: `si_bench_${RUN}_${storeIndex}`,
                  object: 'subscription_item',
                  price: { id: failing ? lastPrice : price, object: 'price' },
                  current_period_start: created,
                  current_period_end: created + 30 * 86_400,
                },
              ],
            },
          },
        },
      }
      events.push({ id, body: JSON.stringify(event), storeIndex, created, failing })
    }
  }
  return events
}

/** The stream: every distinct event once, and 30 % more second deliveries of ones sent shortly before */
function streamOf(events: PlannedEvent[], duplicates: number) {
  const stream: PlannedEvent[] = [...events]
  let seed = 20_261_203
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  for (let i = 0; i < duplicates; i++) {
    // somewhere after its first delivery: right behind it (still in flight) or much later
    const original = Math.floor(random() * events.length)
    const lag = random() < 0.5 ? Math.floor(random() * CONCURRENCY) : Math.floor(random() * 500)
    stream.splice(Math.min(stream.length, stream.indexOf(events[original]) + 1 + lag), 0, {
      ...events[original],
    })
  }
  return stream
}

async function ledgerCounts() {
  const rows = await db
    .from('webhook_events')
    .where('provider', 'stripe')
    .whereLike('event_id', `${EVENT_PREFIX}%`)
    .select('status')
    .count('* as total')
    .groupBy('status')
  const counts: Record<string, number> = { received: 0, processed: 0, failed: 0, ignored: 0 }
  for (const row of rows) counts[row.status] = Number(row.total)
  return counts
}

let server: Child | undefined
const workers: Child[] = []
const slugs: string[] = []
const planCodes = [`bwh-${RUN}-a`, `bwh-${RUN}-b`]
let exitCode = 0
try {
  const unique = Math.round(EVENTS * (1 - DUPLICATE_SHARE))
  const storeCount = Math.max(1, Math.round(unique * FAILING_SHARE))
  const perStore = Math.max(2, Math.round(unique / storeCount))
  const price = `price_bench_${RUN}_a`
  const laterPrice = `price_bench_${RUN}_b`
  await new CreatePlan().handle({
    code: planCodes[0],
    name: 'Webhook bench A',
    price: '19.00',
    currency: 'USD',
    stripePrice: price,
    limits: [],
  })
  await new CreatePlan().handle({
    code: planCodes[1],
    name: 'Webhook bench B',
    price: '29.00',
    currency: 'USD',
    limits: [],
  })
  const stores = []
  for (let index = 0; index < storeCount; index++) {
    const slug = `bench-wh-${RUN}-${index}`
    slugs.push(slug)
    const { tenant } = await provisionStore({
      name: `Webhook bench ${index}`,
      slug,
      owner: { email: `${slug}@example.test`, password: 'bench-password-123' },
      existingOwner: 'refuse',
    })
    stores.push(tenant)
  }
  const events = eventsFor(stores, perStore, price, laterPrice)
  const stream = streamOf(
    events,
    Math.round(events.length * (DUPLICATE_SHARE / (1 - DUPLICATE_SHARE)))
  )

  const childEnv = { LOG_LEVEL: 'info', REDIS_PREFIX: process.env.REDIS_PREFIX! }
  server = await startChild([...TS, 'bin/server.ts'], {
    ...childEnv,
    LOG_LEVEL: 'warn',
    PORT,
    TRUSTED_PROXIES: 'loopback',
  })
  await waitForHealth()
  for (let index = 0; index < WORKERS; index++) {
    const args = ['ace', 'queue:listen']
    const worker = await startChild(args, childEnv, 'processing started')
    worker.process.stdout!.resume()
    workers.push(worker)
  }
  const workersCpuMs = async () => {
    let total = 0
    for (const worker of workers) total += await cpuMsOf(worker)
    return total
  }

  const statuses: Record<string, number> = {}
  const latencies: number[] = []
  let acceptedDuplicates = 0
  let next = 0
  const serverCpuBefore = await cpuMsOf(server)
  const workerCpuBefore = await workersCpuMs()
  const clientCpuBefore = process.cpuUsage()
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < stream.length) {
        const index = next++
        const event = stream[index]
        const header = Stripe.webhooks.generateTestHeaderString({ payload: event.body, secret })
        const sentAt = performance.now()
        const response = await post(event.body, {
          'content-type': 'application/json',
          'accept': 'application/json',
          'stripe-signature': header,
          'x-forwarded-for': STRIPE_WEBHOOK_IPS[index % STRIPE_WEBHOOK_IPS.length],
        }).catch((error: Error) => {
          // Stripe would deliver again later; here it is counted, not retried
          const reason = `network: ${error.message}`
          statuses[reason] = (statuses[reason] ?? 0) + 1
          return null
        })
        if (!response) continue
        latencies.push(performance.now() - sentAt)
        statuses[response.status] = (statuses[response.status] ?? 0) + 1
        const ok = response.status >= 200 && response.status < 300
        if (ok && response.body.includes('"duplicate":true')) acceptedDuplicates++
      }
    })
  )
  const sentSeconds = (performance.now() - started) / 1000
  const serverCpuMs = (await cpuMsOf(server)) - serverCpuBefore
  const clientCpu = process.cpuUsage(clientCpuBefore)
  const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000
  const accepted = Object.entries(statuses)
    .filter(([status]) => status.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0)

  // Applied: the worker has taken every recorded event (none left `received`)
  const deadline = Date.now() + 300_000
  let counts = await ledgerCounts()
  while (counts.received > 0 && Date.now() < deadline) {
    await sleep(20)
    counts = await ledgerCounts()
  }
  const appliedSeconds = (performance.now() - started) / 1000
  const workerCpuMs = (await workersCpuMs()) - workerCpuBefore
  const afterStream = counts

  // The operator's fix, then billing:replay --failed's operation over the run's failed events
  await new UpdatePlan().handle(planCodes[1], { stripePrice: laterPrice })
  const failed = await db
    .from('webhook_events')
    .where('provider', 'stripe')
    .whereLike('event_id', `${EVENT_PREFIX}%`)
    .where('status', 'failed')
    .orderByRaw(`(payload->>'created')::bigint asc, received_at asc`)
    .select('id')
  const replayStarted = performance.now()
  const replayOutcomes: Record<string, number> = {}
  for (const row of failed) {
    const outcome = await new ApplyWebhookEvent().handle(row.id)
    replayOutcomes[outcome] = (replayOutcomes[outcome] ?? 0) + 1
  }
  const replaySeconds = (performance.now() - replayStarted) / 1000

  // Double effects: a second replay of everything must change nothing
  const snapshot = async () =>
    db
      .from('webhook_events')
      .whereLike('event_id', `${EVENT_PREFIX}%`)
      .select('event_id', 'status', 'attempts', 'processed_at')
      .orderBy('event_id')
  const before = JSON.stringify(await snapshot())
  const everything = await db
    .from('webhook_events')
    .whereLike('event_id', `${EVENT_PREFIX}%`)
    .select('id')
  for (const row of everything) await new ApplyWebhookEvent().handle(row.id)
  const secondReplayChanged = JSON.stringify(await snapshot()) !== before

  // Every distinct event recorded once; applied once (attempts: 1, or 2 after one failure);
  // each store on the state of its newest event, the one that failed and was replayed
  const rows = JSON.parse(before) as { event_id: string; status: string; attempts: number }[]
  const plannedFailing = new Set(events.filter((event) => event.failing).map((event) => event.id))
  let overApplied = 0
  for (const row of rows) {
    if (row.attempts > (plannedFailing.has(row.event_id) ? 2 : 1)) overApplied++
  }
  const [planB] = await db.from('plans').where('code', planCodes[1]).select('id')
  const newest = Math.max(...events.map((event) => event.created))
  let wrongState = 0
  for (const store of stores) {
    const subscription = await withTenant(store, () => Subscription.query().firstOrFail())
    const last = subscription.lastEventCreatedAt?.toSeconds()
    if (subscription.planId !== planB.id || last !== newest) wrongState++
  }
  const final = await ledgerCounts()
  const duplicateRows = rows.length - events.length
  const doubleApplied = overApplied + Math.max(0, duplicateRows) + (secondReplayChanged ? 1 : 0)

  latencies.sort((a, b) => a - b)
  const finished = afterStream.processed + afterStream.ignored + afterStream.failed
  const summary = {
    events: stream.length,
    distinct: events.length,
    stores: stores.length,
    concurrency: CONCURRENCY,
    workers: WORKERS,
    statuses,
    accepted,
    acceptedPerSecond: accepted / sentSeconds,
    sendSeconds: sentSeconds,
    appliedSeconds,
    /** Ledger rows the worker finished (processed, ignored as stale, or failed) per second */
    appliedPerSecond: finished / appliedSeconds,
    processedPerSecond: afterStream.processed / appliedSeconds,
    successes: afterStream.processed,
    ignoredAsStale: afterStream.ignored,
    duplicates: stream.length - events.length,
    duplicatesAnswered: acceptedDuplicates,
    failures: afterStream.failed,
    retries: failed.length,
    replayOutcomes,
    replaySeconds,
    finalLedger: final,
    ledgerRows: rows.length,
    doubleApplied,
    wrongFinalState: wrongState,
    /** CPU the web server spent per delivery, and the worker per distinct event */
    serverCpuMsPerDelivery: serverCpuMs / stream.length,
    workerCpuMsPerEvent: workerCpuMs / events.length,
    /** This process, signing and sending: on a real deployment Stripe's machines do this */
    clientCpuMsPerDelivery: clientCpuMs / stream.length,
    loadAverage: (await import('node:os')).loadavg()[0],
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  }
  console.log(
    `Webhooks: ${summary.events} deliveries (${summary.duplicates} duplicates) to ${summary.stores} stores, ` +
      `${CONCURRENCY} at a time: ${accepted} accepted (${summary.acceptedPerSecond.toFixed(0)}/s, ` +
      `p50 ${summary.p50Ms.toFixed(1)} ms, p99 ${summary.p99Ms.toFixed(1)} ms), ` +
      `${finished} applied (${summary.appliedPerSecond.toFixed(0)}/s; ${afterStream.processed} processed, ` +
      `${afterStream.ignored} ignored, ${afterStream.failed} failed); ${failed.length} replayed ` +
      `${JSON.stringify(replayOutcomes)}; double-applied ${doubleApplied}, wrong final state ${wrongState}; ` +
      `CPU ${summary.serverCpuMsPerDelivery.toFixed(2)} ms/delivery (server), ` +
      `${summary.workerCpuMsPerEvent.toFixed(2)} ms/event (worker), ` +
      `${summary.clientCpuMsPerDelivery.toFixed(2)} ms/delivery (this sender); load average ${summary.loadAverage.toFixed(1)}`
  )
  console.log('BENCH_RESULT ' + JSON.stringify(summary))
  if (doubleApplied > 0 || wrongState > 0) exitCode = 1
} catch (error) {
  console.error(error)
  exitCode = 1
} finally {
  await Promise.all(workers.map((worker) => stopChild(worker)))
  await stopChild(server)
  await db
    .from('webhook_events')
    .whereLike('event_id', `${EVENT_PREFIX}%`)
    .delete()
    .catch(() => {})
  for (const slug of slugs) {
    await new DeleteStore().handle(slug).catch(() => {})
    await db
      .from('users')
      .where('email', `${slug}@example.test`)
      .delete()
      .catch(() => {})
  }
  await db
    .from('plans')
    .whereIn('code', planCodes)
    .delete()
    .catch(() => {})
  const queue = await app.container.make('rlanz/queue')
  await queue.clear().catch(() => {})
  await app.terminate()
  process.exit(exitCode)
}
