/*
| Reading `.env` (and `.env.test`) into the values set-up and the app get.
*/
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './common.js'

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

export function readDotenv(file) {
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
