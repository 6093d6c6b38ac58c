/**
 * A CSV import of BENCH_CSV_PRODUCTS products (10,000 unless said; one
 * variant each, every third with three sizes) through `ImportProducts`, the
 * operation the import job runs, in one unit of work for a fresh store:
 * seconds, and the process's peak memory (RSS, sampled every 50 ms).
 * Deletes the store afterwards. Prints `BENCH_RESULT <json>` as its last line.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { bootApp } from './boot.js'

const N = Number(process.env.BENCH_CSV_PRODUCTS ?? 10_000)

const app = await bootApp()
const { provisionStore } = await import('#identity/mod')
const { DeleteStore, withTenant } = await import('#tenancy/mod')
const { default: ImportProducts } = await import('#catalog/operations/import_products')
const { default: db } = await import('@adonisjs/lucid/services/db')
const { default: SetPlan } = await import('#billing/operations/set_plan')

const RUN = randomBytes(3).toString('hex')
const slug = `bench-csv-${RUN}`

function csvOf(count: number) {
  const lines = ['handle,title,status,tags,option1_name,option1_value,sku,price,cost,stock']
  for (let index = 0; index < count; index++) {
    const handle = `product-${index}`
    const price = `${10 + (index % 90)}.${String(index % 100).padStart(2, '0')}`
    if (index % 3 === 0) {
      for (const [position, size] of ['S', 'M', 'L'].entries()) {
        const first = position === 0
        lines.push(
          [
            handle,
            first ? `Product ${index}` : '',
            first ? 'active' : '',
            first ? '"bench, csv"' : '',
            first ? 'Size' : '',
            size,
            `B${index}-${size}`,
            price,
            '4.00',
            String(index % 50),
          ].join(',')
        )
      }
    } else {
      lines.push(
        [handle, `Product ${index}`, 'active', 'bench', '', '', `B${index}`, price, '', '5'].join(
          ','
        )
      )
    }
  }
  return `${lines.join('\n')}\n`
}

let peakRss = process.memoryUsage().rss
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 50)

let exitCode = 0
try {
  const { tenant } = await provisionStore({
    name: 'CSV bench',
    slug,
    owner: { email: `${slug}@example.test`, password: 'bench-password-123' },
    existingOwner: 'refuse',
  })
  // Ten thousand products are far beyond the free plan's cap
  await new SetPlan().handle(tenant, 'pro')
  const csv = csvOf(N)
  const rssBefore = process.memoryUsage().rss
  const started = performance.now()
  const result = await withTenant(tenant, () =>
    new ImportProducts().handle({ actorUserId: null, csv })
  )
  const seconds = (performance.now() - started) / 1000
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
  const summary = {
    products: result.created,
    variants: result.variants,
    fileMb: Buffer.byteLength(csv) / 2 ** 20,
    seconds,
    productsPerSecond: result.created / seconds,
    rssBeforeMb: rssBefore / 2 ** 20,
    peakRssMb: peakRss / 2 ** 20,
  }
  console.log(
    `CSV import: ${summary.products} products (${summary.variants} variants, ${summary.fileMb.toFixed(1)} MB) ` +
      `in ${seconds.toFixed(1)} s (${summary.productsPerSecond.toFixed(0)} products/s), ` +
      `peak RSS ${summary.peakRssMb.toFixed(0)} MB (${summary.rssBeforeMb.toFixed(0)} MB before)`
  )
  console.log('BENCH_RESULT ' + JSON.stringify(summary))
} catch (error) {
  console.error(error)
  exitCode = 1
} finally {
  clearInterval(sampler)
  await new DeleteStore().handle(slug).catch(() => {})
  await db.from('users').where('email', `${slug}@example.test`).delete()
  await app.terminate()
  process.exit(exitCode)
}
