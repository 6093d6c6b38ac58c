/*
| `npm test`: prepares the test database (fresh migrations) and the test Redis
| prefix, runs `node ace test` with any extra arguments
| (`npm test -- unit`, `npm test -- --files=tests/unit/foo.spec.ts`), and ends
| with one line CI reads: `tests: N passed, N failed`.
|
| The browser suite needs Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium):
| when it is missing, the run stops before set-up, unless the arguments leave
| the browser suite out: suite names without `browser` (`npm test -- unit`),
| or only `--files` under tests/unit/ or tests/functional/.
*/
import { spawn } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CHROMIUM_PATH } from './chromium_flags.js'
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

/* ------------------------------------------------------------ Chromium -- */

// Flags of `node ace test` that take a value (`--tags x` as well as `--tags=x`);
// ace's parser is not greedy: `--files a b` is file a and suite b.
const VALUE_FLAGS = new Set(
  'files tags groups tests reporters timeout retries assets-args'.split(' ')
)
// Test directories of the suites that do not drive a browser (adonisrc.ts).
const NON_BROWSER_DIRS = ['tests/unit/', 'tests/functional/']

/**
 * Whether `node ace test <args>` may run the browser suite. No: suite names
 * are given and none is `browser`, or every `--files` value starts with
 * tests/unit/ or tests/functional/ (Japa matches `--files` by path suffix, so
 * a bare file name may match a browser test). Yes otherwise.
 */
export function needsBrowser(args) {
  const suites = []
  const files = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--') continue
    if (!arg.startsWith('-')) {
      suites.push(arg)
      continue
    }
    const [name, inline] = arg.replace(/^--?/, '').split(/=(.*)/s)
    const value = inline ?? (VALUE_FLAGS.has(name) ? args[++i] : undefined)
    if (name === 'files' && value !== undefined) files.push(...value.split(','))
  }
  if (suites.length && !suites.includes('browser')) return false
  if (files.length) {
    const named = (file) => file.replace(/^\.\//, '')
    return !files.every((file) => NON_BROWSER_DIRS.some((dir) => named(file).startsWith(dir)))
  }
  return true
}

/** Why Chromium cannot be run from `path`, or null when it can. */
export function chromiumProblem(path = CHROMIUM_PATH) {
  try {
    if (!statSync(path).isFile()) return `${path} is not a file`
    accessSync(path, constants.X_OK)
    return null
  } catch (error) {
    return error.code === 'ENOENT' ? `${path} does not exist` : `${path}: ${error.message}`
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
      // Links the app writes in full (pictures, mails) point at the test server's own port
      env: childEnv(values, {
        NODE_ENV: 'test',
        FORCE_COLOR: '0',
        APP_URL: process.env.APP_URL ?? `http://localhost:${values.PORT}`,
      }),
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
  const problem = needsBrowser(args) ? chromiumProblem() : null
  if (problem) {
    console.error(
      [
        `test: Chromium is missing for the browser suite (${problem}).`,
        '  Install it: apt-get install chromium   (Debian/Ubuntu; /usr/bin/chromium)',
        '  or set CHROMIUM_PATH to a Chromium/Chrome binary.',
        '  Without a browser, run the other suites: npm test -- unit functional',
      ].join('\n')
    )
    console.log('tests: 0 passed, 1 failed')
    console.log('(Chromium missing: no test ran; see above)')
    return 1
  }
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
