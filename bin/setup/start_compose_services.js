/*
| The Docker Compose fallback of ensure_services: `docker compose up -d
| postgres redis`. docker-compose.yml requires a PostgreSQL superuser password
| and a Redis password, taken from the same keys of `.env` the app and set-up
| use (DB_ADMIN_PASSWORD, REDIS_PASSWORD): empty ones get fresh random values
| in `.env` first, so that the containers and everything on the host agree.
*/
import { ROOT, mustRun } from './common.js'
import { fillEmptyDotenvValues } from './ensure_dotenv.js'

const PASSWORDS = ['DB_ADMIN_PASSWORD', 'REDIS_PASSWORD']

export async function startComposeServices(values) {
  const missing = PASSWORDS.filter((key) => !values[key])
  if (missing.length) Object.assign(values, fillEmptyDotenvValues(missing))
  // Compose also reads `.env`; passing the values makes the environment win, as for set-up.
  const env = { ...process.env }
  for (const key of ['DB_ADMIN_USER', ...PASSWORDS]) {
    if (values[key]) env[key] = values[key]
  }
  await mustRun(
    'docker',
    ['compose', 'up', '-d', 'postgres', 'redis'],
    { cwd: ROOT, env },
    'docker compose up'
  )
}
