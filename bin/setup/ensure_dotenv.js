/*
| Step: `.env`, created once from `.env.example` with fresh secrets; and,
| for the Docker Compose fallback, empty values filled in later.
*/
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, SetupError, log } from './common.js'
import { parseDotenv } from './load_env.js'

const DOTENV = join(ROOT, '.env')

export function ensureDotenv() {
  if (existsSync(DOTENV)) return log('.env present (left as is)')
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
    writeFileSync(DOTENV, text, { flag: 'wx', mode: 0o600 })
    log('.env created from .env.example with a new APP_KEY and STRIPE_WEBHOOK_SECRET')
  } catch (error) {
    if (error.code !== 'EEXIST') throw error
    log('.env present (left as is)')
  }
}

/**
 * Gives each of `keys` that has no value in `.env` a fresh random one (its
 * empty line replaced, or a line added); values already there are kept.
 * Returns the value of every key as `.env` now has it.
 */
export function fillEmptyDotenvValues(keys) {
  let text = readFileSync(DOTENV, 'utf8')
  const result = {}
  const filled = []
  for (const key of keys) {
    const line = new RegExp(`^(?:export\\s+)?${key}\\s*=.*$`, 'm')
    const current = text.match(line)
    const value = current && parseDotenv(current[0])[key]
    if (value) {
      result[key] = value
      continue
    }
    result[key] = randomBytes(24).toString('hex')
    const entry = `${key}=${result[key]}`
    text = current ? text.replace(line, () => entry) : `${text.replace(/\n?$/, '\n')}${entry}\n`
    filled.push(key)
  }
  if (filled.length) {
    writeFileSync(DOTENV, text)
    log(`.env: new random ${filled.join(' and ')}`)
  }
  return result
}
