/*
| `npm test`: prepares the test database (fresh migrations) and the test Redis
| prefix, runs `node ace test` with any extra arguments
| (`npm test -- unit`, `npm test -- --files=tests/unit/foo.spec.ts`), and ends
| with one line CI reads: `tests: N passed, N failed`.
*/
import { spawn } from 'node:child_process'
import net from 'node:net'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ROOT, childEnv, reportFailure, setup } from './setup.js'

/* ------------------------------------------------ a tiny Redis client -- */

function encodeCommand(args) {
  let out = `*${args.length}\r\n`
  for (const arg of args) out += `$${Buffer.byteLength(String(arg))}\r\n${arg}\r\n`
  return out
}

/**
 * Parses one RESP value from `buffer` at `offset`. Returns
 * `{ value, offset }`, or null when more bytes are needed.
 */
function parseReply(buffer, offset = 0) {
  if (offset >= buffer.length) return null
  const lineEnd = buffer.indexOf('\r\n', offset)
  if (lineEnd === -1) return null
  const type = String.fromCharCode(buffer[offset])
  const line = buffer.toString('utf8', offset + 1, lineEnd)
  const next = lineEnd + 2
  switch (type) {
    case '+':
      return { value: line, offset: next }
    case '-':
      return { value: new Error(line), offset: next }
    case ':':
      return { value: Number(line), offset: next }
    case '$': {
      const length = Number(line)
      if (length === -1) return { value: null, offset: next }
      if (buffer.length < next + length + 2) return null
      return { value: buffer.toString('utf8', next, next + length), offset: next + length + 2 }
    }
    case '*': {
      const count = Number(line)
      if (count === -1) return { value: null, offset: next }
      const items = []
      let position = next
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, position)
        if (!item) return null
        items.push(item.value)
        position = item.offset
      }
      return { value: items, offset: position }
    }
    default:
      throw new Error(`unexpected Redis reply type ${JSON.stringify(type)}`)
  }
}

function redisConnection(host, port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port: Number(port) })
    let buffer = Buffer.alloc(0)
    const waiting = []
    socket.setTimeout(10_000, () => socket.destroy(new Error('Redis timed out')))
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk])
      let parsed
      while (waiting.length && (parsed = parseReply(buffer))) {
        buffer = buffer.subarray(parsed.offset)
        const { resolve: done, reject: fail } = waiting.shift()
        if (parsed.value instanceof Error) fail(parsed.value)
        else done(parsed.value)
      }
    })
    socket.on('error', (error) => {
      while (waiting.length) waiting.shift().reject(error)
      reject(error)
    })
    socket.once('connect', () =>
      resolve({
        command: (...args) =>
          new Promise((done, fail) => {
            waiting.push({ resolve: done, reject: fail })
            socket.write(encodeCommand(args))
          }),
        close: () => socket.end(),
      })
    )
  })
}

/** Deletes every key starting with `prefix` (SCAN + DEL; never FLUSHDB). */
export async function flushRedisPrefix(values) {
  const prefix = values.REDIS_PREFIX
  if (!prefix) throw new Error('REDIS_PREFIX is empty for the test environment; refusing to flush')
  const redis = await redisConnection(values.REDIS_HOST || '127.0.0.1', values.REDIS_PORT || 6379)
  try {
    if (values.REDIS_PASSWORD) await redis.command('AUTH', values.REDIS_PASSWORD)
    const pattern = `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`
    let cursor = '0'
    let deleted = 0
    do {
      const [nextCursor, keys] = await redis.command(
        'SCAN',
        cursor,
        'MATCH',
        pattern,
        'COUNT',
        1000
      )
      cursor = nextCursor
      if (keys.length) deleted += await redis.command('DEL', ...keys)
    } while (cursor !== '0')
    console.log(`test: removed ${deleted} Redis key(s) under ${prefix}`)
  } finally {
    redis.close()
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
