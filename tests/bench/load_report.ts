/**
 * The teams API under load: magic-link sign-in (ask for a link, redeem it
 * for a token: two requests), task create and task list, each at 1×, 5× and
 * 10× concurrency (BENCH_LOAD_BASE clients, 5 unless said: 5, 25 and 50),
 * closed loop for BENCH_LOAD_SECONDS (8) per level. Reports throughput,
 * p50/p95/p99 and every status seen.
 *
 * Expects a server at BENCH_URL outside production (the magic-link answer
 * carries its token only there) that trusts loopback as its proxy
 * (TRUSTED_PROXIES=loopback), so each sign-in comes from an address of
 * its own, as behind a load balancer; bin/bench.js starts one. Boots the app
 * in-process only to make a fresh pro store with members to sign in as,
 * then deletes it.
 * Prints `BENCH_RESULT <json>` as its last line.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { DateTime } from 'luxon'
import { bootApp, percentile } from './boot.js'

const BASE = process.env.BENCH_URL ?? 'http://localhost:3390'
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8)
const UNIT = Number(process.env.BENCH_LOAD_BASE ?? 5)
const LEVELS = [1, 5, 10]
const MEMBERS = Number(process.env.BENCH_LOAD_MEMBERS ?? 400)

const app = await bootApp()
const { provisionStore, User, Membership } = await import('#identity/mod')
const { DeleteStore, withTenant } = await import('#tenancy/mod')
const { default: SetPlan } = await import('#billing/operations/set_plan')
const { default: db } = await import('@adonisjs/lucid/services/db')

const RUN = randomBytes(3).toString('hex')
const slug = `bench-load-${RUN}`
const emailOf = (index: number) => `bench-load-${RUN}-${index}@example.test`

/** A sign-in from `from` (an address the trusted proxy, loopback here, says the client has) */
async function api(
  method: string,
  path: string,
  token: string | null,
  body?: object,
  from?: string
) {
  const response = await fetch(`${BASE}/api/v1${path}`, {
    method,
    headers: {
      'accept': 'application/json',
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(from ? { 'x-forwarded-for': from } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const json = (await response.json().catch(() => null)) as any
  return { status: response.status, json }
}

interface Level {
  scenario: string
  clients: number
  completed: number
  perSecond: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  statuses: Record<string, number>
}

/** `clients` loops running `once` back to back for SECONDS; `once` returns the final status */
async function level(scenario: string, clients: number, once: (client: number) => Promise<number>) {
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  const started = performance.now()
  const deadline = started + SECONDS * 1000
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < deadline) {
        const before = performance.now()
        const status = await once(client)
        latencies.push(performance.now() - before)
        statuses[status] = (statuses[status] ?? 0) + 1
      }
    })
  )
  const seconds = (performance.now() - started) / 1000
  const sorted = latencies.sort((a, b) => a - b)
  const row: Level = {
    scenario,
    clients,
    completed: latencies.length,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    statuses,
  }
  console.log(
    `${scenario.padEnd(22)} ${String(clients).padStart(3)} clients ` +
      `${row.perSecond.toFixed(0).padStart(5)}/s  p50 ${row.p50Ms.toFixed(0)} ms  ` +
      `p95 ${row.p95Ms.toFixed(0)} ms  p99 ${row.p99Ms.toFixed(0)} ms  ${JSON.stringify(statuses)}`
  )
  return row
}

let exitCode = 0
try {
  const { tenant, owner } = await provisionStore({
    name: `Load bench ${RUN}`,
    slug,
    owner: { email: emailOf(0) },
    existingOwner: 'refuse',
  })
  await new SetPlan().handle(tenant, 'pro')
  const verifiedAt = DateTime.now()
  owner.emailVerifiedAt = verifiedAt
  await owner.save()
  const users = [owner]
  for (let index = 1; index < MEMBERS; index++) {
    const user = await User.create({
      email: emailOf(index),
      fullName: `Member ${index}`,
      password: null,
      isPlatformAdmin: false,
      emailVerifiedAt: verifiedAt,
    })
    await withTenant(tenant, () => Membership.create({ userId: user.id, role: 'member' }))
    users.push(user)
  }

  let nextSignIn = 0
  // Each sign-in comes from an address of its own, as many clients behind a proxy would: the
  // members are taken in turn, and the limit (per address and email) never sees one pair twice
  async function signIn() {
    const attempt = nextSignIn++
    const index = attempt % users.length
    const from = `10.${(attempt >> 16) & 255}.${(attempt >> 8) & 255}.${attempt & 255}`
    const asked = await api('POST', '/auth/magic-link', null, { email: users[index].email }, from)
    if (asked.status !== 202 || !asked.json?.data?.token) return asked.status
    const redeemed = await api(
      'POST',
      '/auth/redeem',
      null,
      { token: asked.json.data.token, name: 'load report' },
      from
    )
    return redeemed.status
  }
  const first = await api('POST', '/auth/magic-link', null, { email: owner.email })
  if (!first.json?.data?.token) {
    throw new Error(
      `the magic-link answer carries no token (status ${first.status}): is the server in production?`
    )
  }
  const redeemed = await api('POST', '/auth/redeem', null, {
    token: first.json.data.token,
    name: 'load report owner',
  })
  const token: string = redeemed.json.data.token
  const project = await api('POST', '/projects', token, { name: 'Load' })
  if (project.status !== 201) throw new Error(`creating the project answered ${project.status}`)
  const tasks = `/projects/${project.json.data.id}/tasks`
  for (let index = 0; index < 40; index++) {
    await api('POST', tasks, token, { title: `Seed task ${index + 1}` })
  }

  const rows: Level[] = []
  for (const multiple of LEVELS) {
    const clients = UNIT * multiple
    rows.push(await level('magic-link sign-in', clients, signIn))
    rows.push(
      await level('task create', clients, async () => {
        return (await api('POST', tasks, token, { title: 'Load task', status: 'todo' })).status
      })
    )
    rows.push(
      await level('task list (25)', clients, async () => {
        return (await api('GET', `${tasks}?limit=25`, token)).status
      })
    )
  }
  const unexpected = rows.filter((row) =>
    Object.keys(row.statuses).some((status) => !['200', '201'].includes(status))
  )
  for (const row of unexpected) {
    console.log(
      `WARNING: ${row.scenario} at ${row.clients} clients: ${JSON.stringify(row.statuses)}`
    )
  }
  console.log(
    'BENCH_RESULT ' +
      JSON.stringify({
        unit: UNIT,
        seconds: SECONDS,
        rows,
        unexpected: unexpected.map((row) => `${row.scenario}@${row.clients}`),
      })
  )
} catch (error) {
  console.error(error)
  exitCode = 1
} finally {
  await new DeleteStore().handle(slug).catch(() => {})
  await db.from('users').whereLike('email', `bench-load-${RUN}-%`).delete()
  await app.terminate()
  process.exit(exitCode)
}
