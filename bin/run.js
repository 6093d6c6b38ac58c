/*
| Runs the web server (`node ace serve --hmr`) and the queue worker
| (`node ace queue:listen`) together, each in its own process group, until
| Ctrl-C. Run after bin/setup.js (`npm start` does both).
*/
import { spawn } from 'node:child_process'
import http from 'node:http'
import { ROOT, loadEnv } from './setup.js'

const values = loadEnv('development')
const PORT = String(process.env.PORT || values.PORT || 3333)
const env = { ...process.env, ...values, PORT }

const children = []
let stopping = false
let exitCode = 0

function start(name, args) {
  const child = spawn(process.execPath, ['ace', ...args], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
    detached: true,
  })
  const entry = { name, child, exited: false }
  children.push(entry)
  child.on('error', (error) => {
    console.error(`run: could not start ${name}: ${error.message}`)
    entry.exited = true
    exitCode = 1
    stop()
  })
  child.on('exit', (code, signal) => {
    entry.exited = true
    if (!stopping) {
      console.error(`run: ${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping`)
      exitCode = 1
      stop()
    }
    if (children.every((c) => c.exited)) finish()
  })
  return entry
}

function signalGroup(entry, signal) {
  if (!entry.child.pid) return false
  try {
    process.kill(-entry.child.pid, signal)
    return true
  } catch {
    return false // group gone
  }
}

function stop() {
  if (stopping) return
  stopping = true
  // The dev server and the worker ignore SIGTERM: SIGINT to each whole group.
  for (const entry of children) signalGroup(entry, 'SIGINT')
  setTimeout(() => {
    for (const entry of children) signalGroup(entry, 'SIGKILL')
  }, 10_000).unref()
}

let finished = false
function finish() {
  if (finished) return
  finished = true
  // A group leader can exit before its own children (the server's child keeps
  // the port): give the rest of each group a moment, then make sure.
  setTimeout(() => {
    for (const entry of children) signalGroup(entry, 'SIGKILL')
    process.exit(exitCode)
  }, 500)
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) {
      // Second Ctrl-C: do not wait.
      for (const entry of children) signalGroup(entry, 'SIGKILL')
      process.exit(exitCode || 130)
    }
    console.log(`\nrun: ${signal}, stopping the server and the worker`)
    stop()
  })
}
process.on('exit', () => {
  for (const entry of children) signalGroup(entry, 'SIGKILL')
})

function healthy() {
  return new Promise((resolve) => {
    const request = http.get(
      { host: 'localhost', port: PORT, path: '/health', timeout: 2000 },
      (response) => {
        response.resume()
        resolve(response.statusCode === 200)
      }
    )
    request.on('timeout', () => request.destroy())
    request.on('error', () => resolve(false))
  })
}

async function waitForHealth(timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && !stopping) {
    if (await healthy()) return true
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  return false
}

start('web server', ['serve', '--hmr'])
start('worker', ['queue:listen'])

const up = await waitForHealth(30_000)
if (!stopping) {
  if (!up) {
    console.error(`run: http://localhost:${PORT}/health did not answer 200 within 30 s`)
  }
  const base = `http://localhost:${PORT}`
  console.log(
    [
      '',
      `Bazaar is ${up ? 'running' : 'starting (health check not passing yet)'}:`,
      ...[
        [`${base}/`, 'landing'],
        [`${base}/dashboard`, 'dashboard'],
        [`http://demo.localhost:${PORT}/`, 'storefront of "demo"'],
        [`${base}/s/demo`, 'the same storefront, by path'],
        [`${base}/admin`, 'platform admin'],
        [`${base}/dev/mail`, 'dev mailbox'],
      ].map(([url, what]) => `  ${url.padEnd(31)} ${what}`),
      '',
      'Demo sign-ins (password for all: bazaar-demo-123):',
      '  admin@bazaar.test    platform admin',
      '  owner@demo.test      owner, store "demo"',
      '  admin@demo.test      admin, store "demo"',
      '  finance@demo.test    finance, store "demo"',
      '  member@demo.test     member, store "demo"',
      '  owner@acme.test      owner, store "acme"',
      '  owner@maison.test    owner, store "maison"',
      '',
      'Ctrl-C stops the server and the worker.',
      '',
    ].join('\n')
  )
}
