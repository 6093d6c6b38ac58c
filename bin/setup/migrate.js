/*
| Step: migrations, as the owner role (`--fresh`: drop everything first, as
| the tests do).
*/
import { log, mustRun } from './common.js'
import { childEnv } from './load_env.js'

export async function migrate(values, env, fresh) {
  const command = fresh ? ['migration:fresh', '--drop-views', '--drop-types'] : ['migration:run']
  log(`${fresh ? 'fresh ' : ''}migrations on ${values.DB_DATABASE} (${env})`)
  await mustRun(
    process.execPath,
    ['ace', ...command, '--connection=owner', '--force'],
    { env: childEnv(values) },
    'migrations'
  )
}
