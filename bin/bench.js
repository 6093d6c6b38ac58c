/*
| `npm run bench`: performance figures, never part of the tests.
|
| 1. starts the web server once (bin/server.ts through ts-node, NODE_ENV=production
|    so logs are plain JSON and views are cached; `.env` still supplies the rest,
|    LOG_LEVEL=warn, PORT=BENCH_PORT or 3390) on the development database;
| 2. tests/bench/http.ts      autocannon against that server (needs the demo data:
|                             `npm start` or `node ace db:seed`);
|    tests/bench/checkout.ts  50 buyers racing for one product's stock on that server;
|    tests/bench/workspace.ts the task list page and task create next to bare;
| 3. Lighthouse 12 (npx) against a store per theme (/s/demo classic, /s/acme souq,
|    /s/maison boutique) and the signed-in /dashboard on that server, then stops it;
| 4. tests/bench/provisioning.ts, tests/bench/rls_cost.ts and
|    tests/bench/csv_import.ts (10,000 products), each booting the app in-process;
| 5. tests/bench/webhook_ingestion.ts: signed Stripe deliveries (30 % duplicates,
|    5 % failing, then replayed) to a server and queue worker of its own.
|
| Each script prints one line `BENCH_RESULT <json>`; this file collects them
| into bench-results/latest.json and bench-results/latest.md (gitignored).
| Env: BENCH_SECONDS (autocannon duration per run, default 10),
| BENCH_PORT (3390), BENCH_SKIP (comma list: http,checkout,workspace,load,lighthouse,provisioning,rls,csv,webhooks),
| BENCH_CSV_PRODUCTS (10000).
*/
import { spawn } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium_flags.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const OUT = path.join(ROOT, 'bench-results')
const PORT = String(process.env.BENCH_PORT || 3390)
const BASE = `http://localhost:${PORT}`
const SKIP = new Set((process.env.BENCH_SKIP || '').split(',').filter(Boolean))
const TS = ['--import=ts-node-maintained/register/esm']

const results = {
  startedAt: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
  server: {
    command: 'node --import=ts-node-maintained/register/esm bin/server.ts',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT,
  },
  benches: {},
  problems: [],
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    let stdout = ''
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    child.stdout.on('data', (chunk) => {
      const text = chunk.toString()
      stdout += text
      process.stdout.write(text.replace(/^BENCH_RESULT .*$/gm, ''))
    })
    child.on('error', (error) => resolve({ code: 1, stdout, error }))
    child.on('exit', (code) => resolve({ code, stdout }))
  })
}

function parseResult(stdout) {
  const line = stdout.split('\n').findLast((l) => l.startsWith('BENCH_RESULT '))
  return line ? JSON.parse(line.slice('BENCH_RESULT '.length)) : null
}

async function runBench(name, base = BASE) {
  if (SKIP.has({ rls_cost: 'rls', csv_import: 'csv', webhook_ingestion: 'webhooks' }[name] ?? name))
    return
  console.log(`\n== ${name} ==`)
  const { code, stdout, error } = await run(process.execPath, [...TS, `tests/bench/${name}.ts`], {
    BENCH_URL: base,
  })
  const result = parseResult(stdout)
  if (code !== 0 || !result) {
    results.problems.push(`${name}: exited ${code}${error ? ` (${error.message})` : ''}`)
  }
  if (result) results.benches[name] = result
}

async function startServer(base = BASE, env = {}) {
  const server = spawn(process.execPath, [...TS, 'bin/server.ts'], {
    cwd: ROOT,
    // BENCH_PAGE_CACHE_BYPASS: the http bench asks for storefront pages uncached too.
    // APP_URL: product pictures are absolute URLs on it, so Lighthouse loads them from this server
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT,
      APP_URL: base,
      BENCH_PAGE_CACHE_BYPASS: 'true',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  let exited = false
  server.on('exit', () => (exited = true))
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`${base}/health`)
      if (response.ok) break
    } catch {}
    await sleep(250)
  }
  if (exited) throw new Error('the server exited during start-up')
  return {
    async stop() {
      if (exited) return
      // Same as bin/run.js: SIGINT to the whole process group.
      try {
        process.kill(-server.pid, 'SIGINT')
      } catch {}
      for (let i = 0; i < 40 && !exited; i++) await sleep(250)
      if (!exited) {
        try {
          process.kill(-server.pid, 'SIGKILL')
        } catch {}
      }
    },
  }
}

/** The demo owner's session cookie, for Lighthouse on a signed-in page */
async function demoOwnerCookie() {
  const { stdout } = await run(process.execPath, [...TS, 'tests/bench/demo_session.ts'], {
    BENCH_URL: BASE,
  })
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_COOKIE '))
  if (!line) throw new Error('could not sign in as the demo owner (is the demo data seeded?)')
  return line.slice('BENCH_COOKIE '.length)
}

async function lighthouse(name, pagePath, headers) {
  if (SKIP.has('lighthouse')) return
  console.log(`\n== lighthouse: ${name} ==`)
  const output = path.join(OUT, `lighthouse-${name}.json`)
  const flags = CHROMIUM_FLAGS.join(' ')
  const { code, error } = await run(
    'npx',
    [
      '-y',
      'lighthouse@12',
      `${BASE}${pagePath}`,
      '--only-categories=performance,accessibility,best-practices,seo',
      '--output=json',
      `--output-path=${output}`,
      `--chrome-flags=${flags}`,
      ...(headers ? [`--extra-headers=${JSON.stringify(headers)}`] : []),
      '--quiet',
    ],
    { CHROME_PATH: process.env.CHROME_PATH || CHROMIUM_PATH }
  )
  if (code !== 0) {
    results.problems.push(
      `lighthouse ${name}: exited ${code}${error ? ` (${error.message})` : ''} (npm registry unreachable?)`
    )
    return
  }
  const report = JSON.parse(await readFile(output, 'utf8'))
  const scores = {}
  for (const [id, category] of Object.entries(report.categories)) {
    scores[id] = category.score === null ? null : Math.round(category.score * 100)
  }
  const failing = []
  for (const category of Object.values(report.categories)) {
    for (const ref of category.auditRefs) {
      const audit = report.audits[ref.id]
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        failing.push({
          category: category.id,
          id: ref.id,
          score: audit.score,
          title: audit.title,
          displayValue: audit.displayValue,
        })
      }
    }
  }
  const metrics = {}
  for (const id of [
    'first-contentful-paint',
    'largest-contentful-paint',
    'total-blocking-time',
    'cumulative-layout-shift',
    'speed-index',
  ]) {
    if (report.audits[id]) metrics[id] = report.audits[id].displayValue
  }
  results.benches.lighthouse ??= []
  results.benches.lighthouse.push({
    url: `${BASE}${pagePath}`,
    version: report.lighthouseVersion,
    formFactor: report.configSettings.formFactor,
    scores,
    metrics,
    failing,
  })
  console.log('scores', scores)
  console.log('metrics', metrics)
  for (const item of failing)
    console.log(
      `  below 1: [${item.category}] ${item.id} (${item.score}) ${item.title} ${item.displayValue ?? ''}`
    )
}

/**
 * Lighthouse on a store's home, its first category and its first product,
 * weighted as Shopify weights its speed score (home 17 %, product 40 %,
 * collection 43 %).
 */
async function lighthouseStore(slug, theme) {
  const home = await (await fetch(`${BASE}/s/${slug}`)).text()
  const category = /href="(\/s\/[^"]+\/categories\/[^"?#]+)"/.exec(home)?.[1]
  const product = /href="(\/s\/[^"]+\/products\/[^"?#]+)"/.exec(home)?.[1]
  if (!category || !product) {
    results.problems.push(`lighthouse ${slug}: no category or product link on its home page`)
    return
  }
  const pages = { home: `/s/${slug}`, collection: category, product }
  for (const [kind, pagePath] of Object.entries(pages)) {
    await lighthouse(`${slug}-${kind}`, pagePath)
    const entry = results.benches.lighthouse?.at(-1)
    if (entry && entry.url === `${BASE}${pagePath}`) {
      Object.assign(entry, { store: `${slug} (${theme})`, kind })
    }
  }
}

const SHOPIFY_WEIGHTS = { home: 0.17, product: 0.4, collection: 0.43 }

/** `## title`, a table (align: one letter a column, l or r), then any more lines. */
function section(title, headings, align, rows, after = []) {
  const row = (cells) => `| ${cells.map(String).join(' | ')} |`
  const rule = [...align].map((side) => (side === 'r' ? '---:' : '---'))
  return [`## ${title}`, '', row(headings), row(rule), ...rows.map(row), '', ...after]
}

const met = (ok) => (ok ? 'met' : 'NOT met')

function markdown() {
  const { machine: m, benches } = results
  const lines = [`# Bazaar benchmarks — ${results.startedAt}`, '']
  lines.push(
    `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, ${m.platform}`,
    ''
  )
  const http = benches.http
  if (http) {
    const ratio = http.storefrontRatio
    lines.push(
      ...section(
        `HTTP (autocannon, ${http.connections} connections, ${http.seconds} s each, interleaved)`,
        ['round', 'route', 'req/s (mean)', 'ratio to /health', 'p99 ms', 'errors / non-2xx'],
        'llrrrr',
        http.rows.map((row) => {
          const share = `${(row.ratio * 100).toFixed(1)} %`
          const failures = `${row.errors} / ${row.non2xx}`
          return [row.round, row.label, row.rps.toFixed(0), share, row.p99, failures]
        }),
        [
          `Storefront / bare, mean of rounds: ${(ratio * 100).toFixed(1)} % (target ≥ 50 %: ${met(ratio >= 0.5)})`,
          ...(http.pageCache
            ? [
                `Product page / bare: kept ${(http.pageCache.productKept * 100).toFixed(1)} % (target ≥ 60 %: ${met(http.pageCache.productKept >= 0.6)}), ` +
                  `uncached ${(http.pageCache.productUncached * 100).toFixed(1)} % (target ≥ 30 %: ${met(http.pageCache.productUncached >= 0.3)})`,
              ]
            : []),
          '',
        ]
      )
    )
  }
  for (const lh of benches.lighthouse ?? []) {
    const categories = ['performance', 'accessibility', 'best-practices', 'seo']
    const failing = lh.failing.map(
      (item) =>
        `- [${item.category}] ${item.id} (${item.score}): ${item.title} ${item.displayValue ?? ''}`
    )
    const title = `Lighthouse ${lh.version} (${lh.formFactor}) ${lh.url}`
    lines.push(
      ...section(title, categories, 'rrrr', [categories.map((c) => lh.scores[c])], [...failing, ''])
    )
  }
  const byStore = {}
  for (const entry of benches.lighthouse ?? []) {
    if (entry.store) (byStore[entry.store] ??= []).push(entry)
  }
  const weightedRows = Object.entries(byStore).map(([store, entries]) => {
    const categories = ['performance', 'accessibility', 'best-practices', 'seo']
    return [
      store,
      ...categories.map((category) => {
        const total = entries.reduce(
          (sum, entry) => sum + (entry.scores[category] ?? 0) * SHOPIFY_WEIGHTS[entry.kind],
          0
        )
        const weight = entries.reduce((sum, entry) => sum + SHOPIFY_WEIGHTS[entry.kind], 0)
        return (total / weight).toFixed(1)
      }),
    ]
  })
  if (weightedRows.length) {
    lines.push(
      ...section(
        'Lighthouse per theme, weighted (home 17 %, product 40 %, collection 43 %)',
        ['store (theme)', 'performance', 'accessibility', 'best practices', 'SEO'],
        'lrrrr',
        weightedRows
      )
    )
  }
  const p = benches.provisioning
  if (p) {
    const ms = [p.medianMs, p.p95Ms, p.minMs, p.maxMs].map((value) => value.toFixed(1))
    const target = `< 200 ms median: ${met(p.medianMs < 200)}`
    const headings = ['n', 'median ms', 'p95 ms', 'min', 'max', 'target']
    lines.push(
      ...section('Store provisioning (provisionStore, sequential)', headings, 'rrrrrl', [
        [p.n, ...ms, target],
      ])
    )
  }
  const r = benches.rls_cost
  if (r) {
    const overhead = `${r.overheadPct.toFixed(1)} %`
    const cells = [r.n, r.rlsMeanUs.toFixed(0), r.plainMeanUs.toFixed(0), overhead]
    const target = `≤ 15 %: ${met(r.overheadPct <= 15)}`
    const headings = [
      'n each',
      'withTenant (trx + set_config) µs',
      'platform connection µs',
      'overhead',
      'target',
    ]
    const perUnit = `${r.readsPerUnit} model reads in one unit of work against ${r.readsPerUnit} plain reads: overhead ${r.perRequestOverheadPct.toFixed(1)} %.`
    const same = `${r.readsPerUnit} identical statements in one unit of work against the same ${r.readsPerUnit} without one: overhead ${r.sameStatementOverheadPct.toFixed(1)} % (target ≤ 40 %: ${met(r.sameStatementOverheadPct <= 40)}).`
    const title = 'Row-level security cost (store_settings read)'
    lines.push(...section(title, headings, 'rrrrl', [[...cells, target]], [perUnit, same, '']))
  }
  const w = benches.workspace
  if (w) {
    lines.push(
      ...section(
        `Task pages (autocannon, ${w.connections} connections, ${w.seconds} s each, interleaved)`,
        ['round', 'route', 'req/s (mean)', 'ratio to /health', 'p99 ms', 'unexpected'],
        'llrrrr',
        w.rows.map((row) => [
          row.round,
          row.label,
          row.rps.toFixed(0),
          `${(row.ratio * 100).toFixed(1)} %`,
          row.p99,
          row.unexpected,
        ])
      )
    )
  }
  const l = benches.load_report
  if (l) {
    const multiple = (clients) => `${clients / l.unit}× (${clients})`
    lines.push(
      ...section(
        `Teams API load report (closed loop, ${l.seconds} s per level, development mode)`,
        ['scenario', 'concurrency', 'per second', 'p50 ms', 'p95 ms', 'p99 ms', 'statuses'],
        'llrrrrl',
        l.rows.map((row) => [
          row.scenario,
          multiple(row.clients),
          row.perSecond.toFixed(0),
          row.p50Ms.toFixed(0),
          row.p95Ms.toFixed(0),
          row.p99Ms.toFixed(0),
          JSON.stringify(row.statuses),
        ])
      )
    )
  }
  const k = benches.checkout
  if (k) {
    const headings = [
      'buyers',
      'stock',
      'orders',
      'seconds',
      'orders/s',
      'p50 ms',
      'p99 ms',
      'oversold',
    ]
    const row = [
      k.buyers,
      k.stock,
      k.orders,
      k.seconds.toFixed(1),
      k.ordersPerSecond.toFixed(0),
      k.checkoutP50Ms.toFixed(0),
      k.checkoutP99Ms.toFixed(0),
      k.oversold,
    ]
    const after = [
      `Responses ${JSON.stringify(k.statuses)}; stock left ${k.stockLeft}; consistent: ${k.consistent}`,
      '',
    ]
    const title = 'Checkout on one hot product (HTTP, pay on delivery)'
    lines.push(...section(title, headings, 'rrrrrrrr', [row], after))
  }
  const c = benches.csv_import
  if (c) {
    const headings = ['products', 'variants', 'file MB', 'seconds', 'products/s', 'peak RSS MB']
    const row = [
      c.products,
      c.variants,
      c.fileMb.toFixed(1),
      c.seconds.toFixed(1),
      c.productsPerSecond.toFixed(0),
      c.peakRssMb.toFixed(0),
    ]
    const title = 'CSV import (ImportProducts, one transaction, fresh store)'
    lines.push(...section(title, headings, 'rrrrrr', [row]))
  }
  const hooks = benches.webhook_ingestion
  if (hooks) {
    const headings = [
      'deliveries',
      'duplicates',
      'accepted/s',
      'applied/s',
      'processed',
      'failed → replayed',
      'double-applied',
      'p99 ms',
    ]
    const row = [
      hooks.events,
      hooks.duplicates,
      hooks.acceptedPerSecond.toFixed(0),
      hooks.appliedPerSecond.toFixed(0),
      hooks.successes,
      `${hooks.failures} → ${JSON.stringify(hooks.replayOutcomes)}`,
      hooks.doubleApplied,
      hooks.p99Ms.toFixed(0),
    ]
    const after = [
      `${hooks.workers} worker process(es), ${hooks.concurrency} deliveries at a time; CPU per delivery ${hooks.serverCpuMsPerDelivery.toFixed(2)} ms (server), per event ${hooks.workerCpuMsPerEvent.toFixed(2)} ms (workers); load average ${hooks.loadAverage.toFixed(1)}. Target ≥ 500 applied/s: ${met(hooks.appliedPerSecond >= 500)}`,
      '',
    ]
    const title = 'Stripe webhook ingestion (signed, 30 % duplicates, 5 % failing then replayed)'
    lines.push(...section(title, headings, 'rrrrrlrr', [row], after))
  }
  if (results.problems.length)
    lines.push('## Problems', '', ...results.problems.map((p) => `- ${p}`), '')
  return lines.join('\n')
}

await mkdir(OUT, { recursive: true })
const needsServer = !SKIP.has('http') || !SKIP.has('lighthouse')
let server
try {
  if (needsServer) {
    console.log(`starting the server on ${BASE} (NODE_ENV=production, LOG_LEVEL=warn)`)
    server = await startServer()
    await runBench('http')
    await runBench('checkout')
    await runBench('workspace')
    if (!SKIP.has('lighthouse')) {
      // One store per theme the demo data has: demo (classic), acme (souq), maison (boutique)
      const stores = { demo: 'classic', acme: 'souq', maison: 'boutique' }
      for (const [slug, theme] of Object.entries(stores)) await lighthouseStore(slug, theme)
      await lighthouse('overview', '/dashboard', { Cookie: await demoOwnerCookie() })
    }
    await server.stop()
    server = undefined
  }
  if (!SKIP.has('load')) {
    // The magic-link answer carries its token only outside production; loopback is the
    // trusted proxy, so each member signs in from an address of their own
    const port = String(Number(PORT) + 2)
    const base = `http://localhost:${port}`
    console.log(`\nstarting a development-mode server on ${base} for the load report`)
    server = await startServer(base, {
      NODE_ENV: 'development',
      PORT: port,
      TRUSTED_PROXIES: 'loopback',
    })
    await runBench('load_report', base)
    await server.stop()
    server = undefined
  }
  await runBench('provisioning')
  await runBench('rls_cost')
  await runBench('csv_import')
  await runBench('webhook_ingestion')
} catch (error) {
  results.problems.push(String(error?.stack || error))
} finally {
  await server?.stop()
}
results.finishedAt = new Date().toISOString()
await writeFile(path.join(OUT, 'latest.json'), JSON.stringify(results, null, 2))
const md = markdown()
await writeFile(path.join(OUT, 'latest.md'), md)
console.log(`\n${md}`)
console.log(`written: bench-results/latest.md, bench-results/latest.json`)
if (results.problems.length) process.exitCode = 1
