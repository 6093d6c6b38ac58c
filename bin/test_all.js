/*
| `npm test`: prepares the test database (fresh migrations) and the test Redis
| prefix, runs `node ace test` with any extra arguments
| (`npm test -- unit`, `npm test -- --files=tests/unit/foo.spec.ts`), and ends
| with one line CI reads: `tests: N passed, N failed`.
*/
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ROOT, childEnv, reportFailure, setup } from './setup.js'

/* ---------------------------------------------------------- Redis flush -- */

/**
 * Deletes every key starting with `prefix` (SCAN + DEL; never FLUSHDB), with
 * the project's Redis client. No `keyPrefix` option on purpose: ioredis would
 * add it to the keys DEL gets back from SCAN, but not to the SCAN pattern.
 * ioredis is imported here, not above: set-up installs node_modules first.
 */
export async function flushRedisPrefix(values) {
  const prefix = values.REDIS_PREFIX
  if (!prefix) throw new Error('REDIS_PREFIX is empty for the test environment; refusing to flush')
  const { Redis } = await import('ioredis')
  const redis = new Redis({
    host: values.REDIS_HOST || '127.0.0.1',
    port: Number(values.REDIS_PORT || 6379),
    password: values.REDIS_PASSWORD || undefined,
    db: 0,
    lazyConnect: true,
    connectTimeout: 10_000,
    commandTimeout: 10_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null, // fail, do not reconnect: the caller reports it
  })
  // A lost connection rejects with "Connection is closed."; the socket's error says why.
  let socketError
  redis.on('error', (error) => (socketError = error))
  try {
    await redis.connect().catch((error) => Promise.reject(socketError ?? error))
    const pattern = `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`
    let cursor = '0'
    let deleted = 0
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)
      cursor = nextCursor
      if (keys.length) deleted += await redis.del(...keys)
    } while (cursor !== '0')
    console.log(`test: removed ${deleted} Redis key(s) under ${prefix}`)
  } finally {
    redis.disconnect()
  }
}

/* ------------------------------------------------------ summary parsing -- */

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g

/**
 * Japa's spec reporter ends with `Tests  3 failed, 9 passed (12)`. Returns the
 * summed counts of all such lines, or null when there is none.
 */
export function parseSummary(output) {
  const lines = output.replace(ANSI, '').split(/\r?\n/)
  const summary = /^\s*Tests\s+((?:\d+ [a-z]+)(?:,\s*\d+ [a-z]+)*)\s*\((\d+)\)\s*$/
  let found = false
  const counts = { passed: 0, failed: 0, total: 0 }
  for (const line of lines) {
    const match = line.match(summary)
    if (!match) continue
    found = true
    for (const part of match[1].split(',')) {
      const [count, kind] = part.trim().split(/\s+/)
      // "regression": a test marked `.fails()` that failed as expected, a pass.
      if (kind === 'passed' || kind === 'regression') counts.passed += Number(count)
      if (kind === 'failed') counts.failed += Number(count)
    }
    counts.total += Number(match[2])
  }
  return found ? counts : null
}

/* ----------------------------------------------------------------- main -- */

function runTests(values, args) {
  return new Promise((resolve) => {
    let output = ''
    const child = spawn(process.execPath, ['ace', 'test', ...args], {
      cwd: ROOT,
      env: childEnv(values, { NODE_ENV: 'test', FORCE_COLOR: '0' }),
      stdio: ['inherit', 'pipe', 'inherit'],
    })
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      output += chunk.toString('utf8')
      // Only the tail matters for the summary; keep memory bounded.
      if (output.length > 4_000_000) output = output.slice(-1_000_000)
    })
    // Ctrl-C reaches the child through the terminal's process group: wait for
    // it to finish and report. SIGTERM is only for us: pass it on.
    process.on('SIGINT', () => {})
    process.on('SIGTERM', () => child.kill('SIGTERM'))
    child.on('error', (error) => {
      console.error(`test: could not start node ace test: ${error.message}`)
      resolve({ code: 1, output })
    })
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }))
  })
}

async function main() {
  const args = process.argv.slice(2)
  let values
  try {
    values = await setup({ env: 'test', fresh: true })
    await flushRedisPrefix(values)
  } catch (error) {
    reportFailure(error)
    console.log('tests: 0 passed, 1 failed')
    console.log('(set-up failed before any test ran; see above)')
    return 1
  }

  const { code, output } = await runTests(values, args)
  const counts = parseSummary(output)
  if (!counts) {
    console.log('(no Japa summary line found: the run crashed, or no test matched)')
    console.log('tests: 0 passed, 1 failed')
    return code || 1
  }
  let failed = counts.failed
  if (code !== 0 && failed === 0) {
    // A hook or suite-level error fails the run without failing a test.
    console.log(`(node ace test exited with ${code} although no test failed: counted as 1 failure)`)
    failed = 1
  }
  console.log(`tests: ${counts.passed} passed, ${failed} failed`)
  return code !== 0 ? code : failed > 0 ? 1 : 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await main()
}
