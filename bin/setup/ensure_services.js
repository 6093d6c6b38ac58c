/*
| Step: PostgreSQL and Redis answer where `.env` says they are; if not, and a
| Docker engine runs, they are started with Docker Compose; otherwise set-up
| stops and says how to start them.
*/
import { spawnSync } from 'node:child_process'
import net from 'node:net'
import { SetupError, log, sleep } from './common.js'
import { startComposeServices } from './start_compose_services.js'

// name, prefix of its .env keys, default port, how to start it by hand
const SERVICES = [
  [
    'PostgreSQL',
    'DB',
    5432,
    'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' +
      '  (or: docker compose up -d postgres)',
  ],
  [
    'Redis',
    'REDIS',
    6379,
    'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no' +
      '  (or: docker compose up -d redis)',
  ],
]

function tcpAnswers(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

export async function ensureServices(values) {
  const services = SERVICES.map(([name, key, port, howto]) => ({
    name,
    howto,
    host: values[`${key}_HOST`] || '127.0.0.1',
    port: values[`${key}_PORT`] || port,
  }))
  const check = async () => {
    const down = []
    for (const service of services) {
      if (!(await tcpAnswers(service.host, service.port))) down.push(service)
    }
    return down
  }

  let down = await check()
  if (down.length === 0) return log('PostgreSQL and Redis answer')

  const where = (s) => `${s.name} (${s.host}:${s.port})`
  const dockerOk = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 15000 }).status === 0
  if (!dockerOk) {
    const lines = down.map((s) => `  ${where(s)} is down. Start it with:\n    ${s.howto}`)
    throw new SetupError(`services not reachable and no Docker engine:\n${lines.join('\n')}`)
  }

  log(`${down.map(where).join(' and ')} down; running docker compose up -d postgres redis`)
  await startComposeServices(values)
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    down = await check()
    if (down.length === 0) return log('PostgreSQL and Redis answer (docker compose)')
    await sleep(1000)
  }
  throw new SetupError(`${down.map(where).join(' and ')} still down 60 s after docker compose up`)
}
