/*
| Set-up for development and tests: dependencies, .env, public assets, services,
| database roles and database, migrations and (development) seeds.
|
|   node bin/setup.js              development (run by `npm start`)
|   node bin/setup.js --env test   the test database (bin/test_all.js imports it)
|
| Only Node built-ins are imported statically: `pg` is loaded after step a has
| made sure node_modules exists.
*/
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import net from 'node:net'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../', import.meta.url))

const log = (message) => console.log(`setup: ${message}`)

export class SetupError extends Error {}

/* ------------------------------------------------------------------ env -- */

/**
 * A small dotenv parser: KEY=VALUE lines, `#` comments, optional `export `,
 * single or double quotes (double quotes understand \n), and ` # comment`
 * after an unquoted value.
 */
export function parseDotenv(text) {
  const values = {}
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim()
    if (!line || line.startsWith('#')) continue
    const match = line.match(/^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/)
    if (!match) continue
    const [, key, rest] = match
    let value = rest
    const quote = value[0]
    if ((quote === '"' || quote === "'" || quote === '`') && value.indexOf(quote, 1) > 0) {
      value = value.slice(1, value.indexOf(quote, 1))
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r')
    } else {
      value = value.replace(/\s+#.*$/, '').trim()
    }
    values[key] = value
  }
  return values
}

function readDotenv(file) {
  return existsSync(file) ? parseDotenv(readFileSync(file, 'utf8')) : {}
}

/**
 * Values of `.env`, overridden by `.env.test` for the test environment, all
 * overridden by the process environment. NODE_ENV is always `env`.
 */
export function loadEnv(env = 'development') {
  const fromFiles = { ...readDotenv(join(ROOT, '.env')) }
  if (env === 'test') Object.assign(fromFiles, readDotenv(join(ROOT, '.env.test')))
  const values = { ...fromFiles }
  const keys = new Set([
    ...Object.keys(values),
    ...Object.keys(readDotenv(join(ROOT, '.env.example'))),
  ])
  for (const key of keys) {
    if (process.env[key] !== undefined) values[key] = process.env[key]
  }
  values.NODE_ENV = env
  return values
}

/** The environment for a child process: ours, plus the loaded values. */
export function childEnv(values, extra = {}) {
  return { ...process.env, ...values, ...extra }
}

/* -------------------------------------------------------------- helpers -- */

function mtime(file) {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options })
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

async function mustRun(command, args, options, what) {
  const code = await run(command, args, options)
  if (code !== 0) {
    const line = [command, ...args].join(' ')
    throw new SetupError(`${what} failed (\`${line}\` exited with ${code})`)
  }
}

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

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/* ---------------------------------------------------------------- steps -- */

/** a. Dependencies. */
async function ensureDependencies() {
  const lockfile = join(ROOT, 'package-lock.json')
  const hidden = join(ROOT, 'node_modules', '.package-lock.json')
  const hasModules = existsSync(join(ROOT, 'node_modules'))
  if (!existsSync(lockfile)) {
    if (hasModules) return log('dependencies present (no package-lock.json)')
    log('installing dependencies (npm install)')
    return mustRun('npm', ['install'], {}, 'npm install')
  }
  if (hasModules && mtime(hidden) >= mtime(lockfile)) return log('dependencies up to date')
  log('installing dependencies (npm ci)')
  await mustRun('npm', ['ci'], {}, 'npm ci')
}

/** b. `.env`, created once from `.env.example` with fresh secrets. */
function ensureDotenv() {
  const target = join(ROOT, '.env')
  if (existsSync(target)) return log('.env present (left as is)')
  const example = join(ROOT, '.env.example')
  if (!existsSync(example)) throw new SetupError('.env.example is missing; cannot create .env')
  const text = readFileSync(example, 'utf8')
    .replace(/^APP_KEY=\s*$/m, `APP_KEY=${randomBytes(32).toString('base64url')}`)
    .replace(
      /^STRIPE_WEBHOOK_SECRET=\s*$/m,
      `STRIPE_WEBHOOK_SECRET=whsec_${randomBytes(32).toString('base64')}`
    )
  try {
    // 'wx': never overwrite, even if another set-up created it a moment ago.
    writeFileSync(target, text, { flag: 'wx', mode: 0o600 })
    log('.env created from .env.example with a new APP_KEY and STRIPE_WEBHOOK_SECRET')
  } catch (error) {
    if (error.code !== 'EEXIST') throw error
    log('.env present (left as is)')
  }
}

/** c. Static assets into public/. */
export function copyAssets() {
  const copies = [
    ['node_modules/htmx.org/dist/htmx.min.js', 'public/js/htmx.min.js'],
    ['resources/css/app.css', 'public/css/app.css'],
  ]
  const jsDir = join(ROOT, 'resources/js')
  if (existsSync(jsDir)) {
    for (const name of readdirSync(jsDir)) {
      if (name.endsWith('.js')) copies.push([`resources/js/${name}`, `public/js/${name}`])
    }
  }
  const copied = []
  const missing = []
  for (const [from, to] of copies) {
    const source = join(ROOT, from)
    if (!existsSync(source)) {
      missing.push(from)
      continue
    }
    mkdirSync(join(ROOT, to, '..'), { recursive: true })
    copyFileSync(source, join(ROOT, to))
    copied.push(to)
  }
  log(
    `assets: copied ${copied.length} file(s) into public/` +
      (missing.length ? ` (skipped missing: ${missing.join(', ')})` : '')
  )
}

/** d. PostgreSQL and Redis answer, or get started with Docker Compose. */
async function ensureServices(values) {
  const services = [
    {
      name: 'PostgreSQL',
      compose: 'postgres',
      host: values.DB_HOST || '127.0.0.1',
      port: values.DB_PORT || 5432,
      howto:
        'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' +
        '  (or: docker compose up -d postgres)',
    },
    {
      name: 'Redis',
      compose: 'redis',
      host: values.REDIS_HOST || '127.0.0.1',
      port: values.REDIS_PORT || 6379,
      howto:
        'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no' +
        '  (or: docker compose up -d redis)',
    },
  ]
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
  await mustRun('docker', ['compose', 'up', '-d', 'postgres', 'redis'], {}, 'docker compose up')
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    down = await check()
    if (down.length === 0) return log('PostgreSQL and Redis answer (docker compose)')
    await sleep(1000)
  }
  throw new SetupError(`${down.map(where).join(' and ')} still down 60 s after docker compose up`)
}

/** e. Roles, database and schema privileges, as the PostgreSQL superuser. */
async function ensureDatabase(values) {
  const pg = (await import('pg')).default
  const admin = values.DB_ADMIN_USER || 'postgres'
  const base = {
    host: values.DB_HOST || '127.0.0.1',
    port: Number(values.DB_PORT || 5432),
    user: admin,
    password: values.DB_ADMIN_PASSWORD || undefined,
    connectionTimeoutMillis: 10_000,
  }
  const database = values.DB_DATABASE
  const owner = values.DB_OWNER_USER
  const app = values.DB_USER
  const platform = values.DB_PLATFORM_USER
  for (const [key, value] of Object.entries({
    DB_DATABASE: database,
    DB_OWNER_USER: owner,
    DB_USER: app,
    DB_PLATFORM_USER: platform,
  })) {
    if (!value) throw new SetupError(`${key} is not set (.env)`)
  }

  const connect = async (db) => {
    const client = new pg.Client({ ...base, database: db })
    try {
      await client.connect()
    } catch (error) {
      throw new SetupError(
        `cannot connect to PostgreSQL as ${admin} (database ${db}): ${error.message}. ` +
          'Set DB_ADMIN_USER / DB_ADMIN_PASSWORD in .env to a superuser.'
      )
    }
    return client
  }

  const root = await connect('postgres')
  try {
    const { rows } = await root.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')
    if (!rows[0]?.rolsuper) throw new SetupError(`DB_ADMIN_USER ${admin} is not a superuser`)

    // Serialise concurrent set-ups (roles are cluster-wide).
    await root.query('SELECT pg_advisory_lock(hashtext($1))', ['bazaar:setup'])
    const id = (name) => root.escapeIdentifier(name)
    const password = (value) => (value ? `PASSWORD ${root.escapeLiteral(value)}` : 'PASSWORD NULL')

    const roles = [
      [owner, values.DB_OWNER_PASSWORD, 'NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT'],
      [app, values.DB_PASSWORD, 'NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT'],
      [platform, values.DB_PLATFORM_PASSWORD, 'NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS'],
    ]
    for (const [role, secret, attributes] of roles) {
      const options = `LOGIN ${password(secret)} ${attributes}`
      try {
        await root.query(`CREATE ROLE ${id(role)} WITH ${options}`)
      } catch (error) {
        // duplicate_object / unique_violation: it exists (maybe created concurrently)
        if (error.code !== '42710' && error.code !== '23505') throw error
        await root.query(`ALTER ROLE ${id(role)} WITH ${options}`)
      }
    }

    const existing = await root.query(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database]
    )
    if (existing.rowCount === 0) {
      try {
        await root.query(`CREATE DATABASE ${id(database)} OWNER ${id(owner)}`)
      } catch (error) {
        if (error.code !== '42P04') throw error // duplicate_database
      }
    } else if (existing.rows[0].owner !== owner) {
      await root.query(`ALTER DATABASE ${id(database)} OWNER TO ${id(owner)}`)
    }

    const db = await connect(database)
    try {
      const o = id(owner)
      const a = id(app)
      const p = id(platform)
      await db.query(`
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
        GRANT USAGE, CREATE ON SCHEMA public TO ${o};
        GRANT USAGE ON SCHEMA public TO ${a}, ${p};
        ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA public
          GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${a};
        ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA public
          GRANT USAGE, SELECT ON SEQUENCES TO ${a};
        ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA public
          GRANT SELECT ON TABLES TO ${p};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${a};
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${a};
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${p};
      `)
    } finally {
      await db.end()
    }
    await root.query('SELECT pg_advisory_unlock(hashtext($1))', ['bazaar:setup'])
  } finally {
    await root.end()
  }
  log(`database ${database} ready (roles ${owner}, ${app}, ${platform})`)
}

/** f. Migrations, as the owner role. */
async function migrate(values, env, fresh) {
  const command = fresh ? ['migration:fresh', '--drop-views', '--drop-types'] : ['migration:run']
  log(`${fresh ? 'fresh ' : ''}migrations on ${values.DB_DATABASE} (${env})`)
  await mustRun(
    process.execPath,
    ['ace', ...command, '--connection=owner', '--force'],
    { env: childEnv(values) },
    'migrations'
  )
}

/** g. Seeds (development only; the seeders are idempotent). */
async function seed(values) {
  log('seeding demo data')
  await mustRun(process.execPath, ['ace', 'db:seed'], { env: childEnv(values) }, 'seeding')
}

/**
 * Prepares everything `npm start` or `npm test` needs. Returns the loaded
 * environment values. Throws a SetupError (message meant for people) on failure.
 */
export async function setup({ env = 'development', fresh = false } = {}) {
  if (env !== 'development' && env !== 'test') throw new SetupError(`unknown env ${env}`)
  await ensureDependencies()
  ensureDotenv()
  const values = loadEnv(env)
  log(
    `environment ${env}: database ${values.DB_DATABASE}, redis prefix ${values.REDIS_PREFIX ?? ''}`
  )
  copyAssets()
  await ensureServices(values)
  await ensureDatabase(values)
  await migrate(values, env, fresh)
  if (env === 'development') await seed(values)
  console.log('set-up done')
  return values
}

/** Prints a failure of set-up and returns the exit code to use. */
export function reportFailure(error) {
  if (error instanceof SetupError) {
    console.error(`set-up failed: ${error.message}`)
  } else {
    console.error(`set-up failed: ${error?.stack || error}`)
  }
  return 1
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2)
  let env = 'development'
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--env') env = args[++i]
    else if (args[i].startsWith('--env=')) env = args[i].slice('--env='.length)
  }
  const fresh = args.includes('--fresh')
  try {
    await setup({ env, fresh })
  } catch (error) {
    process.exitCode = reportFailure(error)
  }
}
