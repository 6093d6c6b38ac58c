/*
| `npm run bench`: performance figures, never part of the tests.
|
| 1. starts the web server once (bin/server.ts through ts-node, NODE_ENV=production
|    so logs are plain JSON and views are cached; `.env` still supplies the rest,
|    LOG_LEVEL=warn, PORT=BENCH_PORT or 3390) on the development database;
| 2. tests/bench/http.ts      autocannon against that server (needs the demo data:
|                             `npm start` or `node ace db:seed`);
| 3. Lighthouse 12 (npx) against /s/demo on that server, then stops it;
| 4. tests/bench/provisioning.ts and tests/bench/rls_cost.ts, each booting the
|    app in-process.
|
| Each script prints one line `BENCH_RESULT <json>`; this file collects them
| into bench-results/latest.json and bench-results/latest.md (gitignored).
| Env: BENCH_SECONDS (autocannon duration per run, default 10),
| BENCH_PORT (3390), BENCH_SKIP (comma list: http,lighthouse,provisioning,rls).
*/
import { spawn } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

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

async function runBench(name) {
  if (SKIP.has(name === 'rls_cost' ? 'rls' : name)) return
  console.log(`\n== ${name} ==`)
  const { code, stdout, error } = await run(process.execPath, [...TS, `tests/bench/${name}.ts`], {
    BENCH_URL: BASE,
  })
  const result = parseResult(stdout)
  if (code !== 0 || !result) {
    results.problems.push(`${name}: exited ${code}${error ? ` (${error.message})` : ''}`)
  }
  if (result) results.benches[name] = result
}

async function startServer() {
  const server = spawn(process.execPath, [...TS, 'bin/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  let exited = false
  server.on('exit', () => (exited = true))
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`${BASE}/health`)
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

async function lighthouse() {
  if (SKIP.has('lighthouse')) return
  console.log('\n== lighthouse ==')
  const output = path.join(OUT, 'lighthouse.json')
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ].join(' ')
  const { code, error } = await run(
    'npx',
    [
      '-y',
      'lighthouse@12',
      `${BASE}/s/demo`,
      '--only-categories=performance,accessibility,best-practices,seo',
      '--output=json',
      `--output-path=${output}`,
      `--chrome-flags=${flags}`,
      '--quiet',
    ],
    { CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' }
  )
  if (code !== 0) {
    results.problems.push(
      `lighthouse: exited ${code}${error ? ` (${error.message})` : ''} (npm registry unreachable?)`
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
  results.benches.lighthouse = {
    url: `${BASE}/s/demo`,
    version: report.lighthouseVersion,
    formFactor: report.configSettings.formFactor,
    scores,
    metrics,
    failing,
  }
  console.log('scores', scores)
  console.log('metrics', metrics)
  for (const item of failing)
    console.log(
      `  below 1: [${item.category}] ${item.id} (${item.score}) ${item.title} ${item.displayValue ?? ''}`
    )
}

function markdown() {
  const lines = [`# Bazaar benchmarks — ${results.startedAt}`, '']
  const m = results.machine
  lines.push(
    `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, ${m.platform}`,
    ''
  )
  const http = results.benches.http
  if (http) {
    lines.push(
      `## HTTP (autocannon, ${http.connections} connections, ${http.seconds} s each, interleaved)`,
      ''
    )
    lines.push(
      '| round | route | req/s (mean) | ratio to /health | p99 ms | errors / non-2xx |',
      '| --- | --- | ---: | ---: | ---: | ---: |'
    )
    for (const row of http.rows) {
      lines.push(
        `| ${row.round} | ${row.label} | ${row.rps.toFixed(0)} | ${(row.ratio * 100).toFixed(1)} % | ${row.p99} | ${row.errors} / ${row.non2xx} |`
      )
    }
    lines.push(
      '',
      `Storefront / bare, mean of rounds: ${(http.storefrontRatio * 100).toFixed(1)} % (target ≥ 50 %: ${http.storefrontRatio >= 0.5 ? 'met' : 'NOT met'})`,
      ''
    )
  }
  const lh = results.benches.lighthouse
  if (lh) {
    lines.push(`## Lighthouse ${lh.version} (${lh.formFactor}) ${lh.url}`, '')
    lines.push(
      '| performance | accessibility | best-practices | seo |',
      '| ---: | ---: | ---: | ---: |'
    )
    lines.push(
      `| ${lh.scores.performance} | ${lh.scores.accessibility} | ${lh.scores['best-practices']} | ${lh.scores.seo} |`,
      ''
    )
    for (const item of lh.failing)
      lines.push(
        `- [${item.category}] ${item.id} (${item.score}): ${item.title} ${item.displayValue ?? ''}`
      )
    lines.push('')
  }
  const p = results.benches.provisioning
  if (p) {
    lines.push('## Store provisioning (provisionStore, sequential)', '')
    lines.push(
      '| n | median ms | p95 ms | min | max | target |',
      '| ---: | ---: | ---: | ---: | ---: | --- |'
    )
    lines.push(
      `| ${p.n} | ${p.medianMs.toFixed(1)} | ${p.p95Ms.toFixed(1)} | ${p.minMs.toFixed(1)} | ${p.maxMs.toFixed(1)} | < 200 ms median: ${p.medianMs < 200 ? 'met' : 'NOT met'} |`,
      ''
    )
  }
  const r = results.benches.rls_cost
  if (r) {
    lines.push('## Row-level security cost (store_settings read)', '')
    lines.push(
      '| n each | withTenant (trx + set_config) µs | platform connection µs | overhead | target |',
      '| ---: | ---: | ---: | ---: | --- |'
    )
    lines.push(
      `| ${r.n} | ${r.rlsMeanUs.toFixed(0)} | ${r.plainMeanUs.toFixed(0)} | ${r.overheadPct.toFixed(1)} % | ≤ 15 %: ${r.overheadPct <= 15 ? 'met' : 'NOT met'} |`,
      '',
      `${r.readsPerUnit} reads in one unit of work against ${r.readsPerUnit} plain reads: overhead ${r.perRequestOverheadPct.toFixed(1)} %.`,
      ''
    )
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
    await lighthouse()
    await server.stop()
    server = undefined
  }
  await runBench('provisioning')
  await runBench('rls_cost')
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
