/*
| Set-up for development and tests, one step a module in bin/setup/:
|
|   node bin/setup.js              development (run by `npm start`)
|   node bin/setup.js --env test   the test database (bin/test_all.js imports it)
|   node bin/setup.js --fresh      migrate from scratch
|
| Only Node built-ins are imported statically: `pg` is loaded after the first
| step has made sure node_modules exists.
*/
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SetupError, log } from './setup/common.js'
import { copyAssets } from './setup/copy_assets.js'
import { ensureDatabase } from './setup/ensure_database.js'
import { ensureDependencies } from './setup/ensure_dependencies.js'
import { ensureDotenv } from './setup/ensure_dotenv.js'
import { ensureServices } from './setup/ensure_services.js'
import { loadEnv } from './setup/load_env.js'
import { migrate } from './setup/migrate.js'
import { seed } from './setup/seed.js'

export { ROOT, SetupError, run } from './setup/common.js'
export { copyAssets } from './setup/copy_assets.js'
export { childEnv, loadEnv, parseDotenv } from './setup/load_env.js'

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
