/*
| Step: the three roles, the database and its schema privileges, as the
| PostgreSQL superuser DB_ADMIN_USER. Roles are cluster-wide: concurrent
| set-ups (development and tests) take turns on an advisory lock.
*/
import { SetupError, log } from './common.js'

const REQUIRED = ['DB_DATABASE', 'DB_OWNER_USER', 'DB_USER', 'DB_PLATFORM_USER']

// role key, password key, attributes
const ROLES = [
  ['DB_OWNER_USER', 'DB_OWNER_PASSWORD', 'NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT'],
  ['DB_USER', 'DB_PASSWORD', 'NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT'],
  ['DB_PLATFORM_USER', 'DB_PLATFORM_PASSWORD', 'NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS'],
]

/** Returns `connect(database)`: a connected pg client as the superuser. */
async function adminConnector(values) {
  const pg = (await import('pg')).default
  const admin = values.DB_ADMIN_USER || 'postgres'
  const base = {
    host: values.DB_HOST || '127.0.0.1',
    port: Number(values.DB_PORT || 5432),
    user: admin,
    password: values.DB_ADMIN_PASSWORD || undefined,
    connectionTimeoutMillis: 10_000,
  }
  return async (database) => {
    const client = new pg.Client({ ...base, database })
    try {
      await client.connect()
    } catch (error) {
      throw new SetupError(
        `cannot connect to PostgreSQL as ${admin} (database ${database}): ${error.message}. ` +
          'Set DB_ADMIN_USER / DB_ADMIN_PASSWORD in .env to a superuser.'
      )
    }
    return client
  }
}

async function ensureRoles(root, values) {
  const id = (name) => root.escapeIdentifier(name)
  const password = (value) => (value ? `PASSWORD ${root.escapeLiteral(value)}` : 'PASSWORD NULL')
  for (const [roleKey, passwordKey, attributes] of ROLES) {
    const role = id(values[roleKey])
    const options = `LOGIN ${password(values[passwordKey])} ${attributes}`
    try {
      await root.query(`CREATE ROLE ${role} WITH ${options}`)
    } catch (error) {
      // duplicate_object / unique_violation: it exists (maybe created concurrently)
      if (error.code !== '42710' && error.code !== '23505') throw error
      await root.query(`ALTER ROLE ${role} WITH ${options}`)
    }
  }
}

async function ensureDatabaseOwned(root, database, owner) {
  const id = (name) => root.escapeIdentifier(name)
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
}

/** The owner creates; the app role reads and writes; the platform role reads. */
async function grantSchemaPrivileges(db, values) {
  const o = db.escapeIdentifier(values.DB_OWNER_USER)
  const a = db.escapeIdentifier(values.DB_USER)
  const p = db.escapeIdentifier(values.DB_PLATFORM_USER)
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
}

export async function ensureDatabase(values) {
  for (const key of REQUIRED) {
    if (!values[key]) throw new SetupError(`${key} is not set (.env)`)
  }
  const connect = await adminConnector(values)
  const root = await connect('postgres')
  try {
    const { rows } = await root.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')
    if (!rows[0]?.rolsuper) {
      throw new SetupError(`DB_ADMIN_USER ${values.DB_ADMIN_USER || 'postgres'} is not a superuser`)
    }
    await root.query('SELECT pg_advisory_lock(hashtext($1))', ['bazaar:setup'])
    await ensureRoles(root, values)
    await ensureDatabaseOwned(root, values.DB_DATABASE, values.DB_OWNER_USER)
    const db = await connect(values.DB_DATABASE)
    try {
      await grantSchemaPrivileges(db, values)
    } finally {
      await db.end()
    }
    await root.query('SELECT pg_advisory_unlock(hashtext($1))', ['bazaar:setup'])
  } finally {
    await root.end()
  }
  log(
    `database ${values.DB_DATABASE} ready ` +
      `(roles ${values.DB_OWNER_USER}, ${values.DB_USER}, ${values.DB_PLATFORM_USER})`
  )
}
