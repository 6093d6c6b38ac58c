/**
 * Cost of reading through row-level security: the same store_settings read
 * (i) as the tenant, in `withTenant` (transaction + set_config, app role,
 * RLS applies) against (ii) the `platform` connection (BYPASSRLS, no
 * transaction). Interleaved in batches. Prints `BENCH_RESULT <json>` last.
 */
import { performance } from 'node:perf_hooks'
import { bootApp } from './boot.js'

const N = Number(process.env.BENCH_RLS_N ?? 2000)
const BATCH = 100

const app = await bootApp()
const { tenantDirectory, withTenant, currentClient } = await import('#tenancy/mod')
const { default: StoreSetting } = await import('#tenancy/models/store_setting')
const { default: db } = await import('@adonisjs/lucid/services/db')

/**
 * Runs `first` and `second` for N reads each, in batches of BATCH reads
 * (`callsPerBatch` calls), alternating which goes first; returns the total
 * milliseconds each took.
 */
async function interleaved(
  first: () => Promise<void>,
  second: () => Promise<void>,
  callsPerBatch: number
) {
  const totals = [0, 0]
  for (let done = 0; done < N; done += BATCH) {
    const order = (done / BATCH) % 2 === 0 ? [0, 1] : [1, 0]
    for (const which of order) {
      const run = which === 0 ? first : second
      const started = performance.now()
      for (let i = 0; i < callsPerBatch; i++) await run()
      totals[which] += performance.now() - started
    }
  }
  return totals
}

let exitCode = 0
try {
  const tenant = await tenantDirectory.findBySlug('demo')
  if (!tenant)
    throw new Error('no store "demo": seed the demo data (npm start or node ace db:seed)')

  const withRls = async () => {
    const setting = await withTenant(tenant, () => StoreSetting.query().first())
    if (!setting) throw new Error('RLS read returned no store_settings row')
  }
  const plain = async () => {
    const row = await db
      .connection('platform')
      .from('store_settings')
      .where('tenant_id', tenant.id)
      .first()
    if (!row) throw new Error('platform read returned no store_settings row')
  }

  for (let i = 0; i < 200; i++) {
    await withRls()
    await plain()
  }

  const [rlsTotal, plainTotal] = await interleaved(withRls, plain, BATCH)

  // A request does all its reads in one unit of work: five reads per
  // transaction against the same five reads without one.
  const READS = 5
  const withRlsFive = async () => {
    await withTenant(tenant, async () => {
      for (let i = 0; i < READS; i++) await StoreSetting.query().firstOrFail()
    })
  }
  const plainFive = async () => {
    for (let i = 0; i < READS; i++) await plain()
  }
  const [rlsFiveTotal, plainFiveTotal] = await interleaved(withRlsFive, plainFive, BATCH / READS)
  const perRequestOverheadPct = (rlsFiveTotal / plainFiveTotal - 1) * 100

  // The same five statements, word for word, on both sides: what the unit of
  // work and RLS cost, without the model's hydration that the reads above add
  const sameStatementFive = async () => {
    await withTenant(tenant, async () => {
      for (let i = 0; i < READS; i++) {
        const row = await currentClient()
          .from('store_settings')
          .where('tenant_id', tenant.id)
          .first()
        if (!row) throw new Error('RLS read returned no store_settings row')
      }
    })
  }
  const [sameFiveTotal, plainFiveAgainTotal] = await interleaved(
    sameStatementFive,
    plainFive,
    BATCH / READS
  )
  const sameStatementOverheadPct = (sameFiveTotal / plainFiveAgainTotal - 1) * 100

  const rlsMeanUs = (rlsTotal / N) * 1000
  const plainMeanUs = (plainTotal / N) * 1000
  const overheadPct = (rlsMeanUs / plainMeanUs - 1) * 100
  console.log(
    `store_settings read x${N} each: withTenant ${rlsMeanUs.toFixed(0)} µs, platform ${plainMeanUs.toFixed(0)} µs, ` +
      `overhead ${overheadPct.toFixed(1)} % (target ≤ 15 %: ${overheadPct <= 15 ? 'met' : 'NOT met'})`
  )
  console.log(
    `${READS} model reads in one unit of work vs ${READS} plain reads: overhead ${perRequestOverheadPct.toFixed(1)} %`
  )
  console.log(
    `${READS} identical statements in one unit of work vs without: overhead ${sameStatementOverheadPct.toFixed(1)} % (target ≤ 40 %: ${sameStatementOverheadPct <= 40 ? 'met' : 'NOT met'})`
  )
  console.log(
    'BENCH_RESULT ' +
      JSON.stringify({
        n: N,
        batch: BATCH,
        rlsMeanUs,
        plainMeanUs,
        overheadPct,
        readsPerUnit: READS,
        perRequestOverheadPct,
        sameStatementOverheadPct,
      })
  )
} catch (error) {
  console.error(error)
  exitCode = 1
} finally {
  await app.terminate()
  process.exit(exitCode)
}
