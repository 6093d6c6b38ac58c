/*
| Step: the demo data (development only; the seeders are idempotent).
*/
import { log, mustRun } from './common.js'
import { childEnv } from './load_env.js'

export async function seed(values) {
  log('seeding demo data')
  await mustRun(process.execPath, ['ace', 'db:seed'], { env: childEnv(values) }, 'seeding')
}
