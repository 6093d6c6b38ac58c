/*
| `node bin/check_build.js` (a step of .ci/run): the production build works.
|
| 1. Set-up steps for the test environment: dependencies, `.env`, the assets in
|    public/ (the build copies them), PostgreSQL and Redis, the test database
|    and its roles. Migrations are left to the built app (step 3).
| 2. `node ace build` into build/ (gitignored), copied to a temporary directory
|    outside the repository, where `npm ci --omit=dev` installs the production
|    dependencies (from the npm cache when it can), as the Dockerfile does:
|    the built app cannot fall back on the repository's development packages.
| 3. With NODE_ENV=production and the test environment (`.env`, then
|    `.env.test`, then the process environment: DB_DATABASE, REDIS_PREFIX…;
|    the build does not copy `.env`, so it is passed explicitly): the built ace
|    runs the migrations and creates a store with a fresh slug, then
|    bin/server.js listens on 127.0.0.1 and a free port (BUILD_CHECK_PORT to
|    choose one).
| 4. Checks GET /health 200, /ready 200, /s/<slug> 200 with the store's name,
|    /dev/mail 404 (the development mailbox is never served in production).
| 5. Stops the server: SIGTERM to its process group (the built server closes
|    gracefully on SIGTERM; SIGINT is only handled under pm2), SIGKILL after
|    10 s; removes the temporary directory.
|
| Prints one line a check and exits 1 when a check or a step fails.
*/
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ROOT, SetupError, copyAssets, loadEnv } from './setup.js'
import { ensureDatabase } from './setup/ensure_database.js'
import { ensureDependencies } from './setup/ensure_dependencies.js'
import { ensureDotenv } from './setup/ensure_dotenv.js'
import { ensureServices } from './setup/ensure_services.js'

const log = (message) => console.log(`check-build: ${message}`)
const sleep = (ms) => new Promise((done) => setTimeout(done, ms))

const COMMAND_TIMEOUT_MS = 5 * 60_000
const LISTEN_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 10_000

let current = null // the command a step is running
let server = null // { child, exited, output }
let workDir = null

function signalGroup(child, signal) {
  if (!child?.pid) return
  try {
    process.kill(-child.pid, signal)
  } catch {} // group gone
}

/**
 * Runs a command to completion in its own process group (so that stopping
 * this script stops all of it; npm ignores SIGTERM: SIGKILL after 5 s);
 * throws a SetupError naming `what` unless it exits 0.
 */
async function step(what, command, args, options = {}) {
  const line = [command, ...args].map((arg) => (/\s/.test(arg) ? JSON.stringify(arg) : arg))
  log(`${what}: ${line.join(' ')}`)
  const code = await new Promise((done) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
      ...options,
    })
    current = child
    const timer = setTimeout(() => {
      log(`${what}: no end after ${COMMAND_TIMEOUT_MS / 60_000} min, stopping it`)
      stopCurrent()
    }, COMMAND_TIMEOUT_MS)
    child.on('error', (error) => log(`${what}: ${error.message}`))
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer)
      current = null
      done(exitCode ?? (signal ? 1 : 0))
    })
  })
  if (code !== 0) throw new SetupError(`${what} failed (exit ${code})`)
}

function stopCurrent() {
  const child = current
  if (!child) return
  signalGroup(child, 'SIGTERM')
  setTimeout(() => signalGroup(child, 'SIGKILL'), 5000).unref()
}

/** A port nobody listens on: BUILD_CHECK_PORT when set (and free), else one the OS picks. */
function freePort(wanted) {
  return new Promise((done, fail) => {
    const probe = net.createServer()
    probe.once('error', (error) =>
      fail(new SetupError(`port ${wanted} is not free (${error.code}); set BUILD_CHECK_PORT`))
    )
    probe.listen(Number(wanted || 0), '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => done(port))
    })
  })
}

function startServer(cwd, env) {
  const child = spawn(process.execPath, ['bin/server.js'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, stopped as a whole
  })
  server = { child, exited: false, output: '' }
  const keep = (chunk) => {
    server.output = (server.output + chunk.toString('utf8')).slice(-20_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  child.on('exit', () => (server.exited = true))
  child.on('error', (error) => {
    server.exited = true
    keep(`could not start: ${error.message}\n`)
  })
}

function signalServer(signal) {
  signalGroup(server?.child, signal)
}

async function stopServer() {
  if (!server) return
  if (!server.exited) {
    signalServer('SIGTERM')
    const deadline = Date.now() + STOP_TIMEOUT_MS
    while (!server.exited && Date.now() < deadline) await sleep(100)
    if (!server.exited) log(`server did not stop within ${STOP_TIMEOUT_MS / 1000} s: SIGKILL`)
  }
  signalServer('SIGKILL') // whatever is left of its group
  server = null
}

function cleanUp() {
  if (workDir) rmSync(workDir, { recursive: true, force: true })
  workDir = null
}

async function get(base, path, headers = {}) {
  try {
    const response = await fetch(`${base}${path}`, {
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(5000),
    })
    return { status: response.status, body: await response.text() }
  } catch (error) {
    return { status: 0, body: '', error: error.cause?.message ?? error.message }
  }
}

async function waitForListening(base) {
  const deadline = Date.now() + LISTEN_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (server.exited) throw new SetupError('the built server exited before listening')
    const { status } = await get(base, '/health')
    if (status !== 0) return
    await sleep(250)
  }
  throw new SetupError(`the built server did not listen within ${LISTEN_TIMEOUT_MS / 1000} s`)
}

async function runChecks(base, store) {
  const checks = [
    ['GET /health', '/health', 200],
    ['GET /ready', '/ready', 200],
    [`GET /s/${store.slug} (storefront)`, `/s/${store.slug}`, 200, store.name],
    ['GET /dev/mail (not in production)', '/dev/mail', 404],
  ]
  let failed = 0
  for (const [label, path, expected, text] of checks) {
    const answer = await get(base, path)
    let problem = null
    if (answer.status !== expected) {
      problem = `got ${answer.status || `no answer (${answer.error})`}, expected ${expected}`
    } else if (text && !answer.body.includes(text)) {
      problem = `the page does not show "${text}"`
    }
    if (problem) failed++
    console.log(`${problem ? 'FAIL' : 'ok  '} ${label}: ${problem ?? answer.status}`)
  }
  return failed
}

async function main() {
  const started = Date.now()
  await ensureDependencies()
  ensureDotenv()
  const values = loadEnv('test')
  if (!values.APP_KEY) throw new SetupError('APP_KEY is empty in .env')
  log(`database ${values.DB_DATABASE}, redis prefix ${values.REDIS_PREFIX ?? ''}`)
  const port = await freePort(process.env.BUILD_CHECK_PORT)
  copyAssets()
  await ensureServices(values)
  await ensureDatabase(values)

  await step('build', process.execPath, ['ace', 'build'])
  workDir = mkdtempSync(join(os.tmpdir(), 'bazaar-build-check-'))
  cpSync(join(ROOT, 'build'), workDir, { recursive: true })
  log(`build copied to ${workDir}`)
  await step(
    'production dependencies',
    'npm',
    ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: workDir }
  )

  const env = {
    ...process.env,
    ...values,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
  }
  const inBuild = { cwd: workDir, env }
  await step(
    'migrations (built app)',
    process.execPath,
    ['ace', 'migration:run', '--connection=owner', '--force'],
    inBuild
  )
  const store = { name: 'Build Check', slug: `build-check-${Date.now().toString(36)}` }
  await step(
    'store (built app)',
    process.execPath,
    ['ace', 'tenant:create', '--name', store.name, '--slug', store.slug].concat([
      '--owner-email',
      'build-check@example.test',
    ]),
    inBuild
  )

  log(`starting the built server (node bin/server.js) on 127.0.0.1:${port}`)
  startServer(workDir, env)
  const base = `http://127.0.0.1:${port}`
  let failed
  try {
    await waitForListening(base)
    failed = await runChecks(base, store)
  } catch (error) {
    if (server?.output) console.log(`server output:\n${server.output}`)
    throw error
  }
  if (failed && server?.output) console.log(`server output:\n${server.output}`)
  await stopServer()
  cleanUp()
  const seconds = Math.round((Date.now() - started) / 1000)
  console.log(
    failed
      ? `build check: ${failed} check(s) FAILED (${seconds} s)`
      : `build check: ok (${seconds} s)`
  )
  return failed ? 1 : 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, async () => {
      log(`${signal}: stopping`)
      stopCurrent()
      for (let waited = 0; current && waited < 6000; waited += 100) await sleep(100)
      await stopServer()
      cleanUp()
      process.exit(130)
    })
  }
  process.on('exit', () => {
    signalGroup(current, 'SIGKILL')
    signalServer('SIGKILL')
    cleanUp()
  })
  try {
    process.exitCode = await main()
  } catch (error) {
    const message = error instanceof SetupError ? error.message : error?.stack || error
    console.log(`build check: FAILED: ${message}`)
    await stopServer()
    cleanUp()
    process.exitCode = 1
  }
}
