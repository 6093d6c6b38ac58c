/**
 * Time to provision a store (tenant, blueprint defaults, owner account,
 * membership, first activity, welcome-mail job) through `provisionStore`,
 * sequentially, after a warm-up. Cleans up the stores, their owners and their
 * queued welcome mails. Prints `BENCH_RESULT <json>` as its last line.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { bootApp, percentile } from './boot.js'

const N = Number(process.env.BENCH_PROVISION_N ?? 50)
const WARMUP = 3

const app = await bootApp()
const { provisionStore } = await import('#identity/mod')
const { DeleteStore } = await import('#tenancy/mod')
const { default: db } = await import('@adonisjs/lucid/services/db')
const { default: queue } = await import('@rlanz/bull-queue/services/main')

const RUN = randomBytes(3).toString('hex')
const created: { slug: string; id: string }[] = []

async function provisionOne(index: number) {
  const slug = `bench-${RUN}-${index}`
  const started = performance.now()
  const { tenant } = await provisionStore({
    name: `Bench ${index}`,
    slug,
    owner: { email: `bench-${RUN}-${index}@example.test`, password: 'bench-password-123' },
    existingOwner: 'refuse',
  })
  const elapsed = performance.now() - started
  created.push({ slug, id: tenant.id })
  return elapsed
}

let exitCode = 0
try {
  for (let i = 0; i < WARMUP; i++) await provisionOne(-1 - i)
  const times: number[] = []
  for (let i = 0; i < N; i++) times.push(await provisionOne(i))
  const sorted = [...times].sort((a, b) => a - b)
  const result = {
    n: N,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    minMs: sorted[0],
    maxMs: sorted[sorted.length - 1],
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
  }
  console.log(
    `provisionStore x${N}: median ${result.medianMs.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, ` +
      `min ${result.minMs.toFixed(1)}, max ${result.maxMs.toFixed(1)} (target < 200 ms median: ` +
      `${result.medianMs < 200 ? 'met' : 'NOT met'})`
  )
  console.log('BENCH_RESULT ' + JSON.stringify(result))
} catch (error) {
  console.error(error)
  exitCode = 1
} finally {
  for (const { slug } of created) await new DeleteStore().handle(slug)
  const users = await db.from('users').where('email', 'like', `bench-${RUN}-%`).delete()
  // Welcome-mail jobs for the deleted stores must not reach a worker later.
  const bull = queue.get('default')
  let jobs = 0
  for (const { id } of created) jobs += (await bull?.remove(`welcome:${id}`)) ?? 0
  console.log(`cleaned up ${created.length} stores, ${users} users, ${jobs} queued welcome mails`)
  await app.terminate()
  process.exit(exitCode)
}
