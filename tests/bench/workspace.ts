/**
 * The team's task pages next to the bare `/health` route, interleaved in the
 * same run: the task list page and creating a task (the form's own route,
 * answered in JSON), at BENCH_CONNECTIONS (50) connections, as a ratio of bare.
 *
 * Expects the bench server at BENCH_URL; boots the app in-process only to
 * make a fresh store on the pro plan with a project of BENCH_TASKS (40) tasks,
 * whose owner then signs in over HTTP; deletes the store afterwards.
 * Prints `BENCH_RESULT <json>` as its last line.
 */
import autocannon from 'autocannon'
import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import { bootApp } from './boot.js'
import { signIn } from './demo_session.js'

const BASE = process.env.BENCH_URL ?? 'http://localhost:3390'
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const TASKS = Number(process.env.BENCH_TASKS ?? 40)

const app = await bootApp()
const { provisionStore } = await import('#identity/mod')
const { DeleteStore, withTenant } = await import('#tenancy/mod')
const { default: SetPlan } = await import('#billing/operations/set_plan')
const { default: CreateProject } = await import('#workspace/operations/create_project')
const { default: CreateTask } = await import('#workspace/operations/create_task')
const { default: db } = await import('@adonisjs/lucid/services/db')

const RUN = randomBytes(3).toString('hex')
const slug = `bench-tasks-${RUN}`
const email = `${slug}@example.test`
const password = 'bench-password-123'
const storeName = `Task bench ${RUN}`

interface Target {
  label: string
  method?: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
  expect: number
}

async function measure(target: Target) {
  const result = await autocannon({
    url: `${BASE}${target.path}`,
    method: target.method ?? 'GET',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: target.headers,
    body: target.body,
  })
  const codes = (result.statusCodeStats ?? {}) as Record<string, { count?: number }>
  const expected = codes[String(target.expect)]?.count ?? 0
  return {
    label: target.label,
    rps: result.requests.mean,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    unexpected: result.requests.total - expected + result.errors + result.timeouts,
  }
}

async function check(target: Target) {
  const response = await fetch(`${BASE}${target.path}`, {
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
    redirect: 'manual',
  })
  const text = await response.text()
  if (response.status !== target.expect) {
    throw new Error(`${target.label} answered ${response.status}: ${text.slice(0, 300)}`)
  }
  return text
}

let exitCode = 0
try {
  const { tenant, owner } = await provisionStore({
    name: storeName,
    slug,
    owner: { email, password },
    existingOwner: 'refuse',
  })
  // Signing in with a password needs a proven address
  owner.emailVerifiedAt = DateTime.now()
  await owner.save()
  // Thousands of tasks are created: far beyond the free plan's cap
  await new SetPlan().handle(tenant, 'pro')
  const project = await withTenant(tenant, async () => {
    const created = await new CreateProject().handle({
      actorUserId: owner.id,
      name: 'Launch',
      description: 'The spring collection',
    })
    for (let index = 0; index < TASKS; index++) {
      await new CreateTask().handle({
        actorUserId: owner.id,
        projectId: created.id,
        title: `Task ${index + 1}`,
        description: 'Photograph, write the copy, publish',
        status: (['todo', 'doing', 'done'] as const)[index % 3],
        assigneeUserId: index % 2 ? owner.id : null,
        dueOn: null,
      })
    }
    return created
  })

  const cookie = await signIn(BASE, email, password, storeName)
  const tasksPath = `/dashboard/projects/${project.id}/tasks`
  const form = await check({
    label: 'task form',
    path: `${tasksPath}/create`,
    headers: { cookie },
    expect: 200,
  })
  const csrf = /name=['"]_csrf['"]\s+value=['"]([^'"]+)['"]/.exec(form)?.[1]
  if (!csrf) throw new Error('no _csrf field on the task form')

  const bare: Target = { label: 'bare /health', path: '/health', expect: 200 }
  const pages: Target[] = [
    { label: `task list page (${TASKS} tasks)`, path: tasksPath, headers: { cookie }, expect: 200 },
    {
      label: 'task create (POST, JSON)',
      method: 'POST',
      path: tasksPath,
      headers: {
        'cookie': cookie,
        'accept': 'application/json',
        'content-type': 'application/json',
        'x-csrf-token': csrf,
      },
      body: JSON.stringify({ title: 'Benchmarked task', status: 'todo' }),
      expect: 201,
    },
  ]
  for (const target of [bare, ...pages]) await check(target)
  for (const target of [bare, ...pages]) {
    await autocannon({
      url: `${BASE}${target.path}`,
      method: target.method ?? 'GET',
      connections: 10,
      duration: 2,
      headers: target.headers,
      body: target.body,
    })
  }

  console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds`)
  type Row = Awaited<ReturnType<typeof measure>> & { round: number; ratio: number }
  const rows: Row[] = []
  for (let round = 1; round <= ROUNDS; round++) {
    const base = await measure(bare)
    rows.push({ ...base, round, ratio: 1 })
    for (const target of pages) {
      const row = await measure(target)
      rows.push({ ...row, round, ratio: row.rps / base.rps })
    }
  }
  for (const row of rows) {
    console.log(
      `round ${row.round}  ${row.label.padEnd(30)} ${row.rps.toFixed(0).padStart(6)} req/s  ` +
        `${(row.ratio * 100).toFixed(1).padStart(5)} % of bare  p99 ${row.p99} ms  unexpected ${row.unexpected}`
    )
  }
  const invalid = rows.filter((row) => row.unexpected > row.requests * 0.01)
  for (const row of invalid) {
    console.log(`WARNING: round ${row.round} ${row.label}: ${row.unexpected} unexpected answers`)
  }
  const [{ count }] = await db
    .connection('platform')
    .from('tasks')
    .where('tenant_id', tenant.id)
    .count('* as count')
  console.log(`tasks in the bench store afterwards: ${count}`)
  console.log(
    'BENCH_RESULT ' +
      JSON.stringify({
        connections: CONNECTIONS,
        seconds: SECONDS,
        rows,
        tasksAfter: Number(count),
        invalid: invalid.map((row) => `${row.round}:${row.label}`),
      })
  )
} catch (error) {
  console.error(error)
  exitCode = 1
} finally {
  await new DeleteStore().handle(slug).catch(() => {})
  await db.from('users').where('email', email).delete()
  await app.terminate()
  process.exit(exitCode)
}
